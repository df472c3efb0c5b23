package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the {@link Figures} of one set of patients. Everything is a pass over the
 * primitive day arrays plus one sort per horizon: O(n log n) in patient-days.
 */
final class SliceEvaluator {

	/** ROC points closer than this in both rates are dropped from the plotted curve. */
	private static final double ROC_STEP = 0.005;

	private final List<PatientSeries> patients;

	private final Settings settings;

	private SliceEvaluator(List<PatientSeries> patients, Settings settings) {
		this.patients = patients;
		this.settings = settings;
	}

	static Figures figures(List<PatientSeries> patients, Settings settings) {
		return new SliceEvaluator(patients, settings).figures();
	}

	private Figures figures() {
		long scoredDays = 0;
		long observedDays = 0;
		for (PatientSeries patient : this.patients) {
			observedDays += patient.observedDays;
			for (int i = 0; i < patient.length(); i++) {
				scoredDays += patient.scored(i) ? 1 : 0;
			}
		}
		double patientWeeks = observedDays / 7.0;
		List<Figures.Discrimination> discrimination = new ArrayList<>();
		for (int horizon : this.settings.horizons()) {
			LabelledScores scores = labelledScores(horizon);
			double auRoc = AuRoc.of(scores.positives, scores.negatives);
			discrimination.add(new Figures.Discrimination(horizon, scores.days(), scores.positives.length, auRoc,
					clusteredStandardError(horizon, scores, auRoc),
					AuRoc.curve(scores.positives, scores.negatives, ROC_STEP)));
		}
		LabelledScores primary = labelledScores(this.settings.primaryHorizon());
		return new Figures(this.patients.size(), scoredDays, patientWeeks, discrimination,
				thresholdTable(primary, patientWeeks), operatingPoint(patientWeeks), leadTimes(), calibration(primary));
	}

	/** Scores of the labelled days, split by label and sorted ascending. */
	private record LabelledScores(double[] positives, double[] negatives) {

		long days() {
			return (long) this.positives.length + this.negatives.length;
		}

	}

	private LabelledScores labelledScores(int horizon) {
		int positives = 0;
		int negatives = 0;
		for (PatientSeries patient : this.patients) {
			for (int i = 0; i < patient.length(); i++) {
				int label = patient.label(i, horizon);
				positives += (label == 1) ? 1 : 0;
				negatives += (label == 0) ? 1 : 0;
			}
		}
		double[] positive = new double[positives];
		double[] negative = new double[negatives];
		int p = 0;
		int n = 0;
		for (PatientSeries patient : this.patients) {
			for (int i = 0; i < patient.length(); i++) {
				int label = patient.label(i, horizon);
				if (label == 1) {
					positive[p++] = patient.score[i];
				}
				else if (label == 0) {
					negative[n++] = patient.score[i];
				}
			}
		}
		Arrays.sort(positive);
		Arrays.sort(negative);
		return new LabelledScores(positive, negative);
	}

	/** Sums each patient's placements for {@link AuRoc#clusteredStandardError}. */
	private double clusteredStandardError(int horizon, LabelledScores scores, double auRoc) {
		if (Double.isNaN(auRoc)) {
			return Double.NaN;
		}
		int count = this.patients.size();
		double[] positivePlacements = new double[count];
		int[] positives = new int[count];
		double[] negativePlacements = new double[count];
		int[] negatives = new int[count];
		for (int c = 0; c < count; c++) {
			PatientSeries patient = this.patients.get(c);
			for (int i = 0; i < patient.length(); i++) {
				int label = patient.label(i, horizon);
				if (label == 1) {
					positivePlacements[c] += AuRoc.placementAmongNegatives(patient.score[i], scores.negatives);
					positives[c]++;
				}
				else if (label == 0) {
					negativePlacements[c] += AuRoc.placementAmongPositives(patient.score[i], scores.positives);
					negatives[c]++;
				}
			}
		}
		return AuRoc.clusteredStandardError(auRoc, positivePlacements, positives, negativePlacements, negatives);
	}

	private List<Figures.ThresholdRow> thresholdTable(LabelledScores scores, double patientWeeks) {
		List<Figures.ThresholdRow> rows = new ArrayList<>();
		for (double threshold : this.settings.thresholds()) {
			long truePositives = scores.positives.length - AuRoc.firstAtLeast(scores.positives, threshold);
			long falsePositives = scores.negatives.length - AuRoc.firstAtLeast(scores.negatives, threshold);
			Figures.Confusion confusion = new Figures.Confusion(truePositives, falsePositives,
					scores.negatives.length - falsePositives, scores.positives.length - truePositives);
			long alerts = crossingsFromBelow(threshold);
			rows.add(new Figures.ThresholdRow(threshold, confusion, alerts,
					Figures.per10PatientWeeks(alerts, patientWeeks)));
		}
		return rows;
	}

	/** Scored days at or above the threshold whose previous scored day was below it. */
	private long crossingsFromBelow(double threshold) {
		long crossings = 0;
		for (PatientSeries patient : this.patients) {
			boolean above = false;
			for (int i = 0; i < patient.length(); i++) {
				if (patient.scored(i)) {
					boolean now = patient.score[i] >= threshold;
					crossings += (now && !above) ? 1 : 0;
					above = now;
				}
			}
		}
		return crossings;
	}

	private Figures.OperatingPoint operatingPoint(double patientWeeks) {
		int horizon = this.settings.primaryHorizon();
		long[] elevated = new long[4];
		long[] high = new long[4];
		long episodes = 0;
		long falseAlerts = 0;
		long cutShort = 0;
		int window = this.settings.falseAlertWindowDays();
		for (PatientSeries patient : this.patients) {
			boolean alerting = false;
			for (int i = 0; i < patient.length(); i++) {
				int label = patient.label(i, horizon);
				if (label >= 0) {
					count(elevated, patient.alerting(i), label == 1);
					count(high, patient.level[i] == LapseRiskLevel.HIGH.ordinal(), label == 1);
				}
				if (!patient.scored(i)) {
					continue;
				}
				boolean now = patient.alerting(i);
				if (now && !alerting) {
					episodes++;
					if (!patient.anyUse(i, i + window)) {
						if (i + window < patient.length()) {
							falseAlerts++;
						}
						else {
							cutShort++;
						}
					}
				}
				alerting = now;
			}
		}
		return new Figures.OperatingPoint(confusion(elevated), confusion(high), episodes,
				Figures.per10PatientWeeks(episodes, patientWeeks), falseAlerts, cutShort,
				Figures.per10PatientWeeks(falseAlerts + cutShort, patientWeeks));
	}

	private static void count(long[] cells, boolean predicted, boolean actual) {
		cells[(predicted ? 0 : 2) + ((predicted == actual) ? 0 : 1)]++;
	}

	/** From cells in the order TP, FP, TN, FN as {@link #count} fills them. */
	private static Figures.Confusion confusion(long[] cells) {
		return new Figures.Confusion(cells[0], cells[1], cells[2], cells[3]);
	}

	private Figures.LeadTimes leadTimes() {
		int window = this.settings.leadWindowDays();
		int[][] byLead = new int[3][window + 1];
		int[] onsets = new int[3];
		int[] unflagged = new int[3];
		for (PatientSeries patient : this.patients) {
			for (int k = 0; k < patient.onsets.length; k++) {
				int lead = leadDays(patient, patient.onsets[k], window);
				int group = patient.onsetHadPrecursor[k] ? 1 : 2;
				for (int g : new int[] { 0, group }) {
					onsets[g]++;
					if (lead < 0) {
						unflagged[g]++;
					}
					else {
						byLead[g][lead]++;
					}
				}
			}
		}
		return new Figures.LeadTimes(leadTime(onsets[0], byLead[0], unflagged[0]),
				leadTime(onsets[1], byLead[1], unflagged[1]), leadTime(onsets[2], byLead[2], unflagged[2]));
	}

	private static Figures.LeadTime leadTime(int onsets, int[] byLead, int unflagged) {
		return new Figures.LeadTime(onsets, Arrays.stream(byLead).boxed().toList(), unflagged);
	}

	/**
	 * Days from the start of the alert stretch that reaches the onset (or the day before)
	 * to the onset, at most {@code window}; 0 when only the onset day itself is flagged;
	 * -1 when no stretch reaches it. A LOW or unscored day breaks a stretch.
	 */
	static int leadDays(PatientSeries patient, int onset, int window) {
		if (!patient.alerting(onset - 1)) {
			return patient.alerting(onset) ? 0 : -1;
		}
		int start = onset - 1;
		while (start - 1 >= onset - window && patient.alerting(start - 1)) {
			start--;
		}
		return onset - start;
	}

	private Figures.Calibration calibration(LabelledScores scores) {
		int total = Math.toIntExact(scores.days());
		if (total == 0) {
			return new Figures.Calibration(List.of(), Double.NaN, Double.NaN, Double.NaN);
		}
		// Merge into one ascending sequence; on equal scores negatives come first,
		// so that the result does not depend on input order.
		double[] score = new double[total];
		boolean[] used = new boolean[total];
		int p = 0;
		int n = 0;
		for (int k = 0; k < total; k++) {
			boolean takePositive = n == scores.negatives.length
					|| (p < scores.positives.length && scores.positives[p] < scores.negatives[n]);
			score[k] = takePositive ? scores.positives[p++] : scores.negatives[n++];
			used[k] = takePositive;
		}
		double squaredErrors = 0;
		for (int k = 0; k < total; k++) {
			double error = score[k] - (used[k] ? 1 : 0);
			squaredErrors += error * error;
		}
		int binCount = Math.min(this.settings.calibrationBins(), total);
		List<Figures.Bin> bins = new ArrayList<>(binCount);
		for (int b = 0; b < binCount; b++) {
			int from = (int) ((long) total * b / binCount);
			int to = (int) ((long) total * (b + 1) / binCount);
			double predicted = 0;
			int positives = 0;
			for (int k = from; k < to; k++) {
				predicted += score[k];
				positives += used[k] ? 1 : 0;
			}
			int days = to - from;
			bins.add(new Figures.Bin(days, score[from], score[to - 1], predicted / days, (double) positives / days));
		}
		double baseRate = (double) scores.positives.length / total;
		return new Figures.Calibration(bins, squaredErrors / total, baseRate, baseRate * (1 - baseRate));
	}

}
