package org.stepwise.simulator.earlywarning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offline evaluation of the early-warning score (docs/clinical-rules.md section 3b,
 * issue 17): from the scored patient-days and the patients' outcomes, the figures per
 * split, overall and per subgroup value. Pure: no I/O, no clock, no randomness.
 *
 * <p>
 * How days are labelled, after the A-CHESS / Wyant protocol of predicting a lapse in a
 * window to come:
 * <ul>
 * <li>a day is labelled for horizon H by whether any use falls on the H days after it
 * (the day itself excluded);</li>
 * <li>days on which the patient used are not labelled: the question is whether the score
 * warns before use, and a day of use is already known to the clinic;</li>
 * <li>days whose horizon runs past the patient's last scored day are not labelled for
 * that horizon, so every label is complete; unscored days are not labelled and count as
 * days without use.</li>
 * </ul>
 * Alert episodes, false alerts and lead times come from the levels after hysteresis, the
 * threshold table from the raw score; see {@link Figures} for each definition.
 */
public final class Evaluation {

	public static final String TUNING = "tuning";

	public static final String HELD_OUT = "held-out";

	/** The subgroup value of patients who have none for an attribute. */
	public static final String UNKNOWN = "UNKNOWN";

	private Evaluation() {
	}

	/**
	 * The figures of a run.
	 * @param days one entry per scored patient-day, in any order
	 * @param outcomes one per patient, also for patients without scored days
	 * @throws IllegalArgumentException when the two lists disagree (a day without an
	 * outcome, a patient-day scored twice, another split or subgroups)
	 */
	public static Report evaluate(List<ScoredDay> days, List<PatientOutcome> outcomes, Settings settings) {
		Map<String, List<PatientSeries>> bySplit = new TreeMap<>(Evaluation::splitOrder);
		for (PatientSeries patient : PatientSeries.of(days, outcomes)) {
			bySplit.computeIfAbsent(patient.split, (s) -> new ArrayList<>()).add(patient);
		}
		List<SplitReport> splits = new ArrayList<>();
		bySplit.forEach((split, patients) -> splits.add(split(split, patients, settings)));
		return new Report(settings, splits);
	}

	/** Held-out first (the figures that count), then tuning, then any other by name. */
	private static int splitOrder(String a, String b) {
		Comparator<String> order = Comparator.comparingInt((String s) -> switch (s) {
			case HELD_OUT -> 0;
			case TUNING -> 1;
			default -> 2;
		});
		return order.thenComparing(Comparator.naturalOrder()).compare(a, b);
	}

	private static SplitReport split(String split, List<PatientSeries> patients, Settings settings) {
		Figures overall = SliceEvaluator.figures(patients, settings);
		TreeSet<String> attributes = new TreeSet<>();
		patients.forEach((p) -> attributes.addAll(p.subgroups.keySet()));
		List<Subgroup> subgroups = new ArrayList<>();
		List<Gap> gaps = new ArrayList<>();
		for (String attribute : attributes) {
			Map<String, List<PatientSeries>> byValue = new TreeMap<>();
			for (PatientSeries patient : patients) {
				byValue.computeIfAbsent(patient.subgroups.getOrDefault(attribute, UNKNOWN), (v) -> new ArrayList<>())
					.add(patient);
			}
			List<Subgroup> ofAttribute = new ArrayList<>();
			byValue.forEach((value, members) -> ofAttribute
				.add(new Subgroup(attribute, value, SliceEvaluator.figures(members, settings))));
			subgroups.addAll(ofAttribute);
			for (int horizon : settings.horizons()) {
				gap(attribute, horizon, ofAttribute).ifPresent(gaps::add);
			}
		}
		return new SplitReport(split, overall, subgroups, gaps);
	}

	/**
	 * Highest against lowest auROC among the values that have one (both labels present).
	 */
	private static Optional<Gap> gap(String attribute, int horizon, List<Subgroup> ofAttribute) {
		Subgroup highest = null;
		Subgroup lowest = null;
		for (Subgroup subgroup : ofAttribute) {
			double auRoc = subgroup.figures().discrimination(horizon).auRoc();
			if (Double.isNaN(auRoc)) {
				continue;
			}
			if (highest == null || auRoc > highest.figures().discrimination(horizon).auRoc()) {
				highest = subgroup;
			}
			if (lowest == null || auRoc < lowest.figures().discrimination(horizon).auRoc()) {
				lowest = subgroup;
			}
		}
		if (highest == null || highest == lowest) {
			return Optional.empty();
		}
		Figures.Discrimination high = highest.figures().discrimination(horizon);
		Figures.Discrimination low = lowest.figures().discrimination(horizon);
		// Subgroups of one attribute share no patient, so their errors add in quadrature.
		double standardError = Math
			.sqrt(high.standardError() * high.standardError() + low.standardError() * low.standardError());
		return Optional
			.of(new Gap(attribute, horizon, highest.value(), high.auRoc(), lowest.value(), low.auRoc(), standardError));
	}

	/** The figures of every split, held-out first. */
	public record Report(Settings settings, List<SplitReport> splits) {

		public Report {
			splits = List.copyOf(splits);
		}

		public Optional<SplitReport> split(String name) {
			return this.splits.stream().filter((s) -> s.split().equals(name)).findFirst();
		}

	}

	/**
	 * One split's figures.
	 *
	 * @param subgroups per attribute (alphabetical) and value (alphabetical)
	 * @param gaps per attribute and horizon, where at least two values have an auROC
	 */
	public record SplitReport(String split, Figures overall, List<Subgroup> subgroups, List<Gap> gaps) {

		public SplitReport {
			subgroups = List.copyOf(subgroups);
			gaps = List.copyOf(gaps);
		}

		/** The largest auROC gap between values of one attribute at the horizon. */
		public Optional<Gap> largestGap(int horizonDays) {
			return this.gaps.stream()
				.filter((g) -> g.horizonDays() == horizonDays)
				.max(Comparator.comparingDouble(Gap::gap));
		}

		public Map<String, List<Subgroup>> subgroupsByAttribute() {
			Map<String, List<Subgroup>> byAttribute = new LinkedHashMap<>();
			this.subgroups.forEach((s) -> byAttribute.computeIfAbsent(s.attribute(), (a) -> new ArrayList<>()).add(s));
			return byAttribute;
		}

	}

	/** The figures of the patients with one value of one attribute, e.g. sex=FEMALE. */
	public record Subgroup(String attribute, String value, Figures figures) {
	}

	/**
	 * The spread of auROC between the values of one attribute.
	 *
	 * @param standardError of the difference, from the two patient-clustered errors; the
	 * largest of several gaps is biased upward, so read a gap within about twice this as
	 * noise
	 */
	public record Gap(String attribute, int horizonDays, String highestValue, double highestAuRoc, String lowestValue,
			double lowestAuRoc, double standardError) {

		public double gap() {
			return this.highestAuRoc - this.lowestAuRoc;
		}

		/** The half-width of the normal 95% confidence interval of the gap. */
		public double margin95() {
			return 1.96 * this.standardError;
		}

	}

}
