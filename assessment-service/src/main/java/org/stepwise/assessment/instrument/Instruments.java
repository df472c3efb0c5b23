package org.stepwise.assessment.instrument;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.stepwise.contracts.assessment.Instrument;

/**
 * Every instrument Stepwise scores, with the published scoring rules of
 * docs/clinical-rules.md section 2.
 */
public final class Instruments {

	private final Map<Instrument, InstrumentDefinition> definitions = new EnumMap<>(Instrument.class);

	public Instruments(Phq9.Item9Thresholds phq9Item9) {
		add(new Phq9(phq9Item9));
		add(new Gad7());
		add(new AuditC());
		add(new Dast10());
		add(new Bam());
		add(new Pacs());
		add(new Cssrs());
		add(new Uds());
		add(new EdeQs());
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
