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
