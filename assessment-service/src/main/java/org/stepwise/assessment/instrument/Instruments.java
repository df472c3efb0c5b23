package org.stepwise.assessment.instrument;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;

/**
 * Every instrument Stepwise scores, with the published scoring rules of CLINICAL.md
 * section 2.
 */
public final class Instruments {

	private final Map<Instrument, InstrumentDefinition> definitions = new EnumMap<>(Instrument.class);

	public Instruments(Phq9.Item9Thresholds phq9Item9) {
		add(new Phq9(phq9Item9));
		add(new SummedInstrument(Instrument.GAD7, "Generalized Anxiety Disorder-7", "70274-6",
				SummedInstrument.numbered(7, 0, 3, (i) -> "GAD-7 item " + i), Set.of(),
				List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9), new Band("moderate", 10, 14),
						new Band("severe", 15, 21)),
				Set.of(), "Sum of items 1-7 (0-3 each)."));
		add(new AuditC());
		add(new SummedInstrument(Instrument.DAST10, "Drug Abuse Screening Test-10", "82667-7",
				SummedInstrument.numbered(10, 0, 1, (i) -> "DAST-10 item " + i), Set.of("3"),
				List.of(new Band("none", 0, 0), new Band("low", 1, 2), new Band("moderate", 3, 5),
						new Band("substantial", 6, 8), new Band("severe", 9, 10)),
				Set.of(SensitivityLabel.PART2),
				"Items 0 = no, 1 = yes; item 3 (able to stop when wanted) is reversed. Sum 0-10."));
		add(new Bam());
		add(new SummedInstrument(Instrument.PACS, "Penn Alcohol Craving Scale", null,
				SummedInstrument.numbered(5, 0, 6, (i) -> "PACS item " + i), Set.of(),
				List.of(new Band("not elevated", 0, 14), new Band("elevated", 15, 20), new Band("high", 21, 30)),
				Set.of(SensitivityLabel.PART2), "Sum of items 1-5 (0-6 each). >= 15 elevated, > 20 high."));
		add(new Cssrs());
		add(new Uds());
	}

	public static Instruments withDefaults() {
		return new Instruments(Phq9.Item9Thresholds.DEFAULTS);
	}

	private void add(InstrumentDefinition definition) {
		this.definitions.put(definition.instrument(), definition);
	}

	public InstrumentDefinition get(Instrument instrument) {
		return this.definitions.get(instrument);
	}

	public List<InstrumentDefinition> all() {
		return List.copyOf(this.definitions.values());
	}

}
