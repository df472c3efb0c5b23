package org.stepwise.contracts.progress;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Range;

/**
 * The early warning of a lapse (docs/clinical-rules.md section 3b): the estimated chance
 * of use in the next 7 days, the level it holds (with hysteresis, so it may stay above
 * what today's score alone would give while it settles) and the features that drove it.
 *
 * @param percent the estimated chance of use in the next 7 days, whole percent
 * @param level the level the alert follows
 * @param modelVersion the version of the model and its coefficients
 * @param drivers the few features that raised the score most, strongest first
 */
public record LapseRisk(@Range(min = 0, max = 100) int percent, LapseRiskLevel level, String modelVersion,
		List<Driver> drivers) {

	public LapseRisk {
		drivers = List.copyOf(drivers);
	}

	/**
	 * The level of a patient's one relapse-risk alert (docs/clinical-rules.md sections 3
	 * and 3b): HIGH while the combined relapse risk is HIGH (use with a co-signal), else
	 * the early warning's level; LOW (no alert) without either.
	 */
	public static LapseRiskLevel alertLevel(RiskLevel combined, @Nullable LapseRisk earlyWarning) {
		if (combined == RiskLevel.HIGH) {
			return LapseRiskLevel.HIGH;
		}
		return (earlyWarning != null) ? earlyWarning.level() : LapseRiskLevel.LOW;
	}

	/**
	 * One feature behind the score.
	 *
	 * @param feature a stable name, e.g. {@code cravingTrend}
	 * @param evidence in words a clinician reads, e.g. "craving up from 2 to 6 over 5
	 * days"; never names or notes
	 * @param points what it added to the score (log-odds x 10, rounded)
	 */
	public record Driver(String feature, String evidence, int points) {
	}

}
