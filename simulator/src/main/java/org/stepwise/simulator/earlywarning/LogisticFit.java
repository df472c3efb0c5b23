package org.stepwise.simulator.earlywarning;

import java.util.List;
import java.util.Locale;

import org.stepwise.plan.progress.domain.LapseFeature;

/**
 * Fits the early-warning model's intercept and weights to labelled feature rows of the
 * tuning seeds: logistic regression by maximum likelihood with a small ridge penalty,
 * each weight kept at or above its floor, never negative (projected Newton steps on the
 * active set), so the fitted model stays monotone in every risk feature and keeps the
 * clinical priors. Pure; a few thousand rows a second per iteration is plenty.
 */
public final class LogisticFit {

	/** Ridge penalty per weight: keeps rare features from running away. */
	static final double RIDGE = 1.0;

	private LogisticFit() {
	}

	/** Intercept and weights in {@link LapseFeature} order. */
	public record Coefficients(double intercept, double[] weights) {

		/** The lines of a model file for these coefficients. */
		public String properties() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "intercept=%.3f%n", this.intercept));
			for (LapseFeature feature : LapseFeature.values()) {
				out.append(
						String.format(Locale.ROOT, "weight.%s=%.3f%n", feature.key(), this.weights[feature.ordinal()]));
			}
			return out.toString();
		}

	}

	/**
	 * @param floors the least weight of each feature ({@link LapseFeature} order): 0, or
	 * a clinical prior where the literature says a feature matters whatever the tuning
	 * data say
	 */
	public static Coefficients fit(List<EarlyWarningRun.FeatureRow> rows, int iterations, double[] floors) {
		List<EarlyWarningRun.FeatureRow> labelled = rows.stream().filter(EarlyWarningRun.FeatureRow::labelled).toList();
		int k = LapseFeature.values().length + 1;
		double[] beta = new double[k];
		double[] lower = new double[k];
		for (int j = 1; j < k; j++) {
			lower[j] = Math.max(0, floors[j - 1]);
			beta[j] = lower[j];
		}
		double base = labelled.stream().filter(EarlyWarningRun.FeatureRow::useWithin7Days).count()
				/ (double) Math.max(1, labelled.size());
		beta[0] = Math.log(Math.max(1e-6, base) / Math.max(1e-6, 1 - base));
		for (int iteration = 0; iteration < iterations; iteration++) {
			double[] gradient = new double[k];
			double[][] hessian = new double[k][k];
			for (EarlyWarningRun.FeatureRow row : labelled) {
				double[] x = withBias(row.features());
				double z = 0;
				for (int j = 0; j < k; j++) {
					z += beta[j] * x[j];
				}
				double p = 1 / (1 + Math.exp(-z));
				double residual = (row.useWithin7Days() ? 1 : 0) - p;
				double w = Math.max(1e-9, p * (1 - p));
				for (int a = 0; a < k; a++) {
					if (x[a] == 0) {
						continue;
					}
					gradient[a] += residual * x[a];
					for (int b = 0; b < k; b++) {
						hessian[a][b] += w * x[a] * x[b];
					}
				}
			}
			for (int j = 1; j < k; j++) {
				gradient[j] -= RIDGE * beta[j];
				hessian[j][j] += RIDGE;
			}
			hessian[0][0] += 1e-9;
			// Active set: weights pinned at zero whose gradient pushes them below stay
			// out.
			boolean[] free = new boolean[k];
			for (int j = 0; j < k; j++) {
				free[j] = j == 0 || beta[j] > lower[j] || gradient[j] > 0;
			}
			double[] step = solve(hessian, gradient, free);
			double largest = 0;
			for (int j = 0; j < k; j++) {
				double next = beta[j] + step[j];
				beta[j] = (j == 0) ? next : Math.max(lower[j], next);
				largest = Math.max(largest, Math.abs(step[j]));
			}
			if (largest < 1e-6) {
				break;
			}
		}
		double[] weights = new double[k - 1];
		System.arraycopy(beta, 1, weights, 0, k - 1);
		return new Coefficients(beta[0], weights);
	}

	private static double[] withBias(double[] features) {
		double[] x = new double[features.length + 1];
		x[0] = 1;
		System.arraycopy(features, 0, x, 1, features.length);
		return x;
	}

	/** Solves H s = g on the free coordinates (Gaussian elimination with pivoting). */
	static double[] solve(double[][] hessian, double[] gradient, boolean[] free) {
		int[] index = java.util.stream.IntStream.range(0, free.length).filter((j) -> free[j]).toArray();
		int n = index.length;
		double[][] a = new double[n][n + 1];
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < n; c++) {
				a[r][c] = hessian[index[r]][index[c]];
			}
			a[r][n] = gradient[index[r]];
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			if (Math.abs(a[col][col]) < 1e-12) {
				continue;
			}
			for (int r = 0; r < n; r++) {
				if (r != col) {
					double factor = a[r][col] / a[col][col];
					for (int c = col; c <= n; c++) {
						a[r][c] -= factor * a[col][c];
					}
				}
			}
		}
		double[] step = new double[free.length];
		for (int r = 0; r < n; r++) {
			step[index[r]] = (Math.abs(a[r][r]) < 1e-12) ? 0 : a[r][n] / a[r][r];
		}
		return step;
	}

}
