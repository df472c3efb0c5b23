package org.stepwise.simulator.earlywarning;

import java.util.ArrayList;
import java.util.List;

/**
 * Area under the ROC curve as the exact Mann-Whitney statistic (ties count one half), and
 * the curve itself, from the scores of the positive and the negative days, each sorted
 * ascending. O(n) on sorted input.
 */
final class AuRoc {

	private AuRoc() {
	}

	/**
	 * The chance that a random positive day scores above a random negative one, ties
	 * counting one half; NaN when either side is empty.
	 */
	static double of(double[] positives, double[] negatives) {
		if (positives.length == 0 || negatives.length == 0) {
			return Double.NaN;
		}
		// Twice the U statistic stays an exact integer: 2 per negative below, 1 per tie.
		long twiceU = 0;
		int below = 0;
		int notAbove = 0;
		for (double p : positives) {
			while (below < negatives.length && negatives[below] < p) {
				below++;
			}
			notAbove = Math.max(notAbove, below);
			while (notAbove < negatives.length && negatives[notAbove] <= p) {
				notAbove++;
			}
			twiceU += below + (long) notAbove;
		}
		return twiceU / (2.0 * positives.length * negatives.length);
	}

	/**
	 * The standard error of the auROC when days come in clusters (patients), after
	 * Obuchowski (Biometrics 1997): days of one patient are not independent, so treating
	 * them as such would understate the error. Each cluster brings the sum of its
	 * positives' placements (share of negatives scored below, ties half), its count of
	 * positives, and the same for its negatives (share of positives scored above). NaN
	 * with fewer than two clusters or without both labels.
	 */
	static double clusteredStandardError(double auRoc, double[] positivePlacements, int[] positives,
			double[] negativePlacements, int[] negatives) {
		int clusters = positives.length;
		long m = 0;
		long n = 0;
		for (int i = 0; i < clusters; i++) {
			m += positives[i];
			n += negatives[i];
		}
		if (clusters < 2 || m == 0 || n == 0) {
			return Double.NaN;
		}
		double s10 = 0;
		double s01 = 0;
		double s11 = 0;
		for (int i = 0; i < clusters; i++) {
			double d10 = positivePlacements[i] - positives[i] * auRoc;
			double d01 = negativePlacements[i] - negatives[i] * auRoc;
			s10 += d10 * d10;
			s01 += d01 * d01;
			s11 += d10 * d01;
		}
		double correction = clusters / (clusters - 1.0);
		s10 *= correction / m;
		s01 *= correction / n;
		s11 *= correction;
		double variance = s10 / m + s01 / n + 2 * s11 / ((double) m * n);
		return Math.sqrt(Math.max(0, variance));
	}

	/** The share of negatives scored below the value, ties counting one half. */
	static double placementAmongNegatives(double score, double[] negatives) {
		int below = firstAtLeast(negatives, score);
		int notAbove = firstAbove(negatives, score);
		return (below + notAbove) / (2.0 * negatives.length);
	}

	/** The share of positives scored above the value, ties counting one half. */
	static double placementAmongPositives(double score, double[] positives) {
		int below = firstAtLeast(positives, score);
		int notAbove = firstAbove(positives, score);
		return (2.0 * positives.length - below - notAbove) / (2.0 * positives.length);
	}

	/**
	 * The index of the first value > the given one in an ascending array (its length if
	 * none).
	 */
	static int firstAbove(double[] ascending, double value) {
		int lo = 0;
		int hi = ascending.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (ascending[mid] <= value) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	/**
	 * The index of the first value >= threshold in an ascending array (its length if
	 * none).
	 */
	static int firstAtLeast(double[] ascending, double threshold) {
		int lo = 0;
		int hi = ascending.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (ascending[mid] < threshold) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	/**
	 * The ROC curve from (0, 0) to (1, 1), one point per distinct score taken as the
	 * threshold (score >= threshold is positive), thinned to points at least
	 * {@code minStep} apart in either rate so that a plot stays small.
	 */
	static List<Figures.RocPoint> curve(double[] positives, double[] negatives, double minStep) {
		List<Figures.RocPoint> points = new ArrayList<>();
		points.add(new Figures.RocPoint(0, 0));
		if (positives.length == 0 || negatives.length == 0) {
			points.add(new Figures.RocPoint(1, 1));
			return points;
		}
		int p = positives.length;
		int n = negatives.length;
		double lastFpr = 0;
		double lastTpr = 0;
		// Walk thresholds from the highest score down; p and n count the days below it.
		while (p > 0 || n > 0) {
			double threshold = Math.max((p > 0) ? positives[p - 1] : Double.NEGATIVE_INFINITY,
					(n > 0) ? negatives[n - 1] : Double.NEGATIVE_INFINITY);
			while (p > 0 && positives[p - 1] >= threshold) {
				p--;
			}
			while (n > 0 && negatives[n - 1] >= threshold) {
				n--;
			}
			double tpr = (double) (positives.length - p) / positives.length;
			double fpr = (double) (negatives.length - n) / negatives.length;
			boolean end = p == 0 && n == 0;
			if (end || tpr - lastTpr >= minStep || fpr - lastFpr >= minStep) {
				points.add(new Figures.RocPoint(fpr, tpr));
				lastTpr = tpr;
				lastFpr = fpr;
			}
		}
		return points;
	}

}
