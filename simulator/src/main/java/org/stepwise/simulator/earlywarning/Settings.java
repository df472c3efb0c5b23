package org.stepwise.simulator.earlywarning;

import java.util.List;

/**
 * How the early-warning figures are counted (docs/clinical-rules.md section 3b,
 * evaluation protocol).
 *
 * @param horizons the "use within the next H days" labels to report auROC for
 * @param primaryHorizon the horizon of the threshold table, the operating point and the
 * calibration; the model predicts use in the next 7 days
 * @param thresholds the score thresholds of the threshold table (A-CHESS layout)
 * @param leadWindowDays how far before a lapse onset an alert stretch may start and still
 * count as a warning of it; also the longest lead time reported
 * @param falseAlertWindowDays an alert episode is false when no use falls from its first
 * day to this many days after it
 * @param calibrationBins how many equal-count bins of predicted score the calibration has
 */
public record Settings(List<Integer> horizons, int primaryHorizon, List<Double> thresholds, int leadWindowDays,
		int falseAlertWindowDays, int calibrationBins) {

	public static final Settings DEFAULTS = new Settings(List.of(1, 3, 7), 7,
			List.of(0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80), 14, 14, 10);

	public Settings {
		horizons = List.copyOf(horizons);
		thresholds = List.copyOf(thresholds);
		if (horizons.isEmpty() || horizons.stream().anyMatch((h) -> h < 1)) {
			throw new IllegalArgumentException("horizons must be days >= 1: " + horizons);
		}
		if (primaryHorizon < 1 || leadWindowDays < 1 || falseAlertWindowDays < 0 || calibrationBins < 1) {
			throw new IllegalArgumentException("invalid settings");
		}
	}

}
