package org.stepwise.plan.progress.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;

/**
 * The early-warning model of docs/clinical-rules.md section 3b: a logistic model of use
 * in the next 7 days, {@code p = 1 / (1 + exp(-(intercept + sum of weight x feature)))},
 * over the {@link LapseFeature features}, with the levels it raises and clears at.
 * Transparent by construction: each feature's contribution is its weight times its value,
 * and the largest contributions are the drivers a clinician reads. Weights are
 * non-negative, so the score never falls when a risk feature rises.
 *
 * <p>
 * The coefficients, thresholds and version live in a properties file
 * ({@value #DEFAULT_RESOURCE} by default, see docs/early-warning.md for the model card).
 *
 * @param version the model version every estimate carries
 * @param intercept the log-odds with every feature at 0
 * @param weights log-odds per unit of each feature
 * @param priors the least weight a fit may give a feature: clinical priors where the
 * literature says it matters whatever a tuning cohort says (none: 0)
 * @param levels the raise and clear thresholds
 */
public record LapseRiskModel(String version, double intercept, Map<LapseFeature, Double> weights,
		Map<LapseFeature, Double> priors, Levels levels) {

	public static final String DEFAULT_RESOURCE = "/lapse-risk-model.properties";

	/** The model shipped with this version of Stepwise. */
	public static final LapseRiskModel DEFAULT = load(DEFAULT_RESOURCE);

	/** The most drivers an estimate lists. */
	static final int DRIVERS = 3;

	/** A driver must add at least this much (log-odds x 10) to be listed. */
	static final int MIN_DRIVER_POINTS = 2;

	public LapseRiskModel {
		weights = Map.copyOf(weights);
		priors = Map.copyOf(priors);
		for (Map.Entry<LapseFeature, Double> prior : priors.entrySet()) {
			if (weights.getOrDefault(prior.getKey(), 0.0) < prior.getValue()) {
				throw new IllegalArgumentException(
						"weight." + prior.getKey().key() + " must not be below its prior." + prior.getKey().key());
			}
		}
		for (Map.Entry<LapseFeature, Double> weight : weights.entrySet()) {
			if (!(weight.getValue() >= 0)) {
				throw new IllegalArgumentException(
						"weight." + weight.getKey().key() + " must not be negative: every feature is a risk feature");
			}
		}
	}

	/**
	 * Levels with hysteresis: a level is raised as soon as the score reaches its
	 * {@code raise} percent, and given up only after the score has stayed under its
	 * {@code clear} percent for {@code clearDays} clinical days in a row.
	 */
	public record Levels(int elevatedRaise, int elevatedClear, int highRaise, int highClear, int clearDays) {

		public Levels {
			if (elevatedClear > elevatedRaise || highClear > highRaise || elevatedRaise > highRaise || clearDays < 1) {
				throw new IllegalArgumentException(
						"levels must satisfy clear <= raise, elevated <= high, " + "clearDays >= 1");
			}
		}

		LapseRiskLevel raised(int percent) {
			return (percent >= this.highRaise) ? LapseRiskLevel.HIGH
					: (percent >= this.elevatedRaise) ? LapseRiskLevel.ELEVATED : LapseRiskLevel.LOW;
		}

		LapseRiskLevel held(int percent) {
			return (percent >= this.highClear) ? LapseRiskLevel.HIGH
					: (percent >= this.elevatedClear) ? LapseRiskLevel.ELEVATED : LapseRiskLevel.LOW;
		}

	}

	/** The score of one patient-day and what drove it. */
	public record Estimate(double probability, List<LapseRisk.Driver> drivers) {

		public int percent() {
			return (int) Math.round(this.probability * 100);
		}

	}

	public Estimate estimate(LapseFeatures features) {
		double logit = this.intercept;
		List<LapseRisk.Driver> drivers = new ArrayList<>();
		for (Map.Entry<LapseFeature, Double> value : features.values().entrySet()) {
			double contribution = this.weights.getOrDefault(value.getKey(), 0.0) * value.getValue();
			logit += contribution;
			int points = (int) Math.round(contribution * 10);
			if (points >= MIN_DRIVER_POINTS) {
				drivers
					.add(new LapseRisk.Driver(value.getKey().key(), features.evidence().get(value.getKey()), points));
			}
		}
		drivers.sort(
				Comparator.comparingInt(LapseRisk.Driver::points).reversed().thenComparing(LapseRisk.Driver::feature));
		return new Estimate(1 / (1 + Math.exp(-logit)),
				List.copyOf(drivers.subList(0, Math.min(DRIVERS, drivers.size()))));
	}

	/** Reads a model from a classpath resource. */
	public static LapseRiskModel load(String resource) {
		try (InputStream in = LapseRiskModel.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no lapse-risk model at " + resource);
			}
			Properties properties = new Properties();
			properties.load(in);
			return of(properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A model from its properties: {@code version}, {@code intercept},
	 * {@code weight.<feature key>} for every feature, optional
	 * {@code prior.<feature key>}, and {@code level.*}.
	 * @throws IllegalArgumentException for a missing or unknown key, or a value that is
	 * not a number
	 */
	public static LapseRiskModel of(Properties properties) {
		Map<LapseFeature, Double> weights = new EnumMap<>(LapseFeature.class);
		for (LapseFeature feature : LapseFeature.values()) {
			weights.put(feature, number(properties, "weight." + feature.key()));
		}
		Map<LapseFeature, Double> priors = new EnumMap<>(LapseFeature.class);
		for (LapseFeature feature : LapseFeature.values()) {
			if (properties.containsKey("prior." + feature.key())) {
				priors.put(feature, number(properties, "prior." + feature.key()));
			}
		}
		for (String name : properties.stringPropertyNames()) {
			if ((name.startsWith("weight.") || name.startsWith("prior."))
					&& java.util.Arrays.stream(LapseFeature.values())
						.noneMatch((feature) -> name.endsWith("." + feature.key()))) {
				throw new IllegalArgumentException("unknown feature in the lapse-risk model: " + name);
			}
		}
		Levels levels = new Levels((int) number(properties, "level.elevated.raise"),
				(int) number(properties, "level.elevated.clear"), (int) number(properties, "level.high.raise"),
				(int) number(properties, "level.high.clear"), (int) number(properties, "level.clear-days"));
		String version = properties.getProperty("version");
		if (version == null || version.isBlank()) {
			throw new IllegalArgumentException("the lapse-risk model needs a version");
		}
		return new LapseRiskModel(version.trim(), number(properties, "intercept"), weights, priors, levels);
	}

	private static double number(Properties properties, String key) {
		String value = properties.getProperty(key);
		if (value == null) {
			throw new IllegalArgumentException("the lapse-risk model lacks " + key);
		}
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(key + " must be a number");
		}
	}

}
