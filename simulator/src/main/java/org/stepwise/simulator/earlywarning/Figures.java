package org.stepwise.simulator.earlywarning;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The early-warning figures of one set of patients (a split, or a subgroup of one). Rates
 * and shares are NaN when there is nothing to take them of.
 *
 * @param patients how many patients
 * @param scoredDays how many patient-days carry a score
 * @param patientWeeks the patients' observed days over 7
 * @param discrimination auROC per horizon
 * @param thresholds the A-CHESS table for the primary horizon, one row per score
 * threshold
 * @param operatingPoint what the levels (after hysteresis) did
 * @param leadTimes how early the levels warned of lapse onsets
 * @param calibration predicted score against observed use in the primary horizon
 */
public record Figures(int patients, long scoredDays, double patientWeeks, List<Discrimination> discrimination,
		List<ThresholdRow> thresholds, OperatingPoint operatingPoint, LeadTimes leadTimes, Calibration calibration) {

	public Figures {
		discrimination = List.copyOf(discrimination);
		thresholds = List.copyOf(thresholds);
	}

	public Discrimination discrimination(int horizonDays) {
		return this.discrimination.stream()
			.filter((d) -> d.horizonDays() == horizonDays)
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("No figures for a horizon of " + horizonDays + " days"));
	}

	static double ratio(double part, double whole) {
		return (whole == 0) ? Double.NaN : part / whole;
	}

	static double per10PatientWeeks(long count, double patientWeeks) {
		return ratio(10.0 * count, patientWeeks);
	}

	/** A point of a ROC curve. */
	public record RocPoint(double falsePositiveRate, double truePositiveRate) {
	}

	/**
	 * How well the score ranks days before use above days without.
	 *
	 * @param horizonDays the label: use on any of the next this many days
	 * @param labelledDays days with a label (see {@link Evaluation} for which are left
	 * out)
	 * @param positives labelled days followed by use within the horizon
	 * @param auRoc exact Mann-Whitney auROC, ties counting one half
	 * @param standardError of the auROC with each patient's days as one cluster
	 * (Obuchowski 1997)
	 * @param roc the curve, thinned for plotting
	 */
	public record Discrimination(int horizonDays, long labelledDays, long positives, double auRoc, double standardError,
			List<RocPoint> roc) {

		public Discrimination {
			roc = List.copyOf(roc);
		}

		/** The half-width of the normal 95% confidence interval. */
		public double margin95() {
			return 1.96 * this.standardError;
		}

	}

	/** Day counts of a yes/no prediction against the label. */
	public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

		public double sensitivity() {
			return ratio(this.truePositives, this.truePositives + this.falseNegatives);
		}

		public double specificity() {
			return ratio(this.trueNegatives, this.trueNegatives + this.falsePositives);
		}

		public double positivePredictiveValue() {
			return ratio(this.truePositives, this.truePositives + this.falsePositives);
		}

	}

	/**
	 * A row of the threshold table: days with score >= threshold predict use.
	 *
	 * @param alerts how many times a patient's score crossed the threshold from below (a
	 * new episode; a patient's first scored day at or above it counts as one)
	 */
	public record ThresholdRow(double threshold, Confusion confusion, long alerts, double alertsPer10PatientWeeks) {
	}

	/**
	 * The levels as the clinic sees them.
	 *
	 * @param elevatedOrHigh days at ELEVATED or HIGH as the prediction of use in the
	 * primary horizon
	 * @param high days at HIGH as that prediction
	 * @param alertEpisodes rises from LOW to ELEVATED or HIGH (a patient's first scored
	 * day above LOW counts as one)
	 * @param falseAlerts episodes with no use from their first day to the false-alert
	 * window after it
	 * @param falseAlertsCutShort episodes with no use so far whose window runs past the
	 * end of observation
	 * @param falseAlertsPer10PatientWeeks false alerts, counting those cut short as false
	 * too (an upper bound)
	 */
	public record OperatingPoint(Confusion elevatedOrHigh, Confusion high, long alertEpisodes,
			double alertEpisodesPer10PatientWeeks, long falseAlerts, long falseAlertsCutShort,
			double falseAlertsPer10PatientWeeks) {
	}

	/** Lead times of all lapse onsets and of those with and without precursors. */
	public record LeadTimes(LeadTime all, LeadTime withPrecursor, LeadTime withoutPrecursor) {
	}

	/**
	 * How early the levels warned of lapse onsets.
	 *
	 * @param onsets how many onsets
	 * @param onsetsByLeadDays {@code onsetsByLeadDays.get(d)} onsets flagged exactly d
	 * days before (0 = only on the onset day), d up to the lead window
	 * @param unflagged onsets with no alert stretch reaching them
	 */
	public record LeadTime(int onsets, List<Integer> onsetsByLeadDays, int unflagged) {

		public LeadTime {
			onsetsByLeadDays = List.copyOf(onsetsByLeadDays);
		}

		/** How many onsets were flagged at least {@code days} days before. */
		public int flaggedAtLeast(int days) {
			int count = 0;
			for (int d = Math.max(0, days); d < this.onsetsByLeadDays.size(); d++) {
				count += this.onsetsByLeadDays.get(d);
			}
			return count;
		}

		/** The share of all onsets flagged at least {@code days} days before. */
		public double shareFlaggedAtLeast(int days) {
			return ratio(flaggedAtLeast(days), this.onsets);
		}

	}

	/**
	 * Predicted score against the observed rate of use in the primary horizon.
	 *
	 * @param bins equal-count bins of labelled days by score, lowest first
	 * @param brier mean squared difference of score and label
	 * @param baseRate share of labelled days followed by use
	 * @param brierOfBaseRate the Brier score of always predicting the base rate, the
	 * reference a useful score beats
	 */
	public record Calibration(List<Bin> bins, double brier, double baseRate, double brierOfBaseRate) {

		public Calibration {
			bins = List.copyOf(bins);
		}

	}

	/** A calibration bin. */
	public record Bin(long days, double minScore, double maxScore, double meanPredicted, double observedRate) {
	}

}
