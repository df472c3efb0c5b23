package org.stepwise.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.progress.ClinicalTime;

/**
 * @param thresholdDefaults service-wide overrides of the docs/clinical-rules.md defaults,
 * by threshold name (programs override these again)
 * @param defaultZone the clinical zone of patients whose program is not known (yet)
 * @param evaluationInterval how often the clinical-clock pass looks for patients due
 * @param evaluationBatch patients re-evaluated per database round trip in that pass
 * @param gaugeRefresh how often the patients gauge is recounted
 * @param seedPrograms programs created at start-up when they do not exist
 * @param seedEnabled whether to create them ({@code STEPWISE_PLAN_SEED_ENABLED=false}
 * turns the demo programs off)
 * @param clinicalTime the clock the rules evaluate at: the wall clock, or event time for
 * replays and the simulator's compressed time (see {@link ClinicalTime})
 * @param lapseRiskModel where the early-warning model's coefficients, thresholds and
 * version are read from (a Spring resource location; the shipped model by default)
 * @param recommendationExpiry how long a level-of-care recommendation stays pending
 * without a decision before it expires (whole days; a program may override it with the
 * {@code recommendationExpiryDays} threshold)
 */
@ConfigurationProperties("stepwise.plan")
public record PlanProperties(@DefaultValue Map<String, String> thresholdDefaults,
		@DefaultValue("UTC") String defaultZone, @DefaultValue("60s") Duration evaluationInterval,
		@DefaultValue("500") int evaluationBatch, @DefaultValue("30s") Duration gaugeRefresh,
		@DefaultValue List<ProgramSeed> seedPrograms, @DefaultValue("true") boolean seedEnabled,
		@DefaultValue("wall") ClinicalTime.Mode clinicalTime,
		@DefaultValue("classpath:lapse-risk-model.properties") String lapseRiskModel,
		@DefaultValue("14d") Duration recommendationExpiry) {

	public PlanProperties {
		if (recommendationExpiry.isNegative() || recommendationExpiry.toDays() < 1
				|| !recommendationExpiry.equals(Duration.ofDays(recommendationExpiry.toDays()))) {
			throw new IllegalArgumentException(
					"stepwise.plan.recommendation-expiry must be a whole number of days, at least 1");
		}
	}

	/**
	 * The service-wide threshold overrides with the recommendation expiry (an explicit
	 * {@code recommendationExpiryDays} among them wins).
	 */
	public Map<String, String> thresholdDefaultsWithExpiry() {
		Map<String, String> all = new java.util.HashMap<>();
		all.put("recommendationExpiryDays", Long.toString(this.recommendationExpiry.toDays()));
		all.putAll(this.thresholdDefaults);
		return all;
	}

	/**
	 * @param types what the program monitors (none: addiction and mental health)
	 */
	public record ProgramSeed(String programId, String name, ProgramType type, String timeZone, String population,
			String onCallClinicianId, @DefaultValue List<ProgramType> types) {
	}

}
