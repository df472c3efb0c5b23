package org.stepwise.simulator.earlywarning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report is about, for its header.
 *
 * @param title e.g. "Early warning of lapse: offline evaluation"
 * @param cohort how the simulated cohort was made, e.g. "1,000 patients x 84 days per
 * seed, generator precursor parameters fixed before tuning"
 * @param model the model and its version
 * @param operatingPoint how score becomes level, e.g. "ELEVATED at >= 0.30, HIGH at >=
 * 0.55, cleared after 3 days below"
 * @param seedsBySplit the cohort seeds of each split
 */
public record RunDescription(String title, String cohort, String model, String operatingPoint,
		Map<String, List<Long>> seedsBySplit) {

	/** Why these figures prove less than they seem. */
	public static final String CAVEAT = "Simulated data only shows that the code finds what the generator put there: "
			+ "these figures say the scoring and alerting code works on the generator's precursors, "
			+ "not that it predicts lapses in real patients. Lapses without precursors and precursor-like "
			+ "stretches without a lapse are part of the cohort.";

	public RunDescription {
		Map<String, List<Long>> copy = new LinkedHashMap<>();
		seedsBySplit.forEach((split, seeds) -> copy.put(split, List.copyOf(seeds)));
		seedsBySplit = Collections.unmodifiableMap(copy);
	}

}
