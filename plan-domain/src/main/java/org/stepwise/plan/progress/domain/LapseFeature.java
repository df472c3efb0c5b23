package org.stepwise.plan.progress.domain;

/**
 * The inputs of the early-warning model (docs/clinical-rules.md section 3b), each scaled
 * to 0..1 so that a larger value always means more risk: the model's weights are
 * non-negative, so the score rises with every one of them. Trends are against the
 * patient's own baseline ({@link LapseFeatures}).
 */
public enum LapseFeature {

	/**
	 * Use in the last 30 days, more the more recent: e^(-days since / 14), 1 on the day,
	 * about 0.6 a week later.
	 */
	RECENT_USE,

	/** Days with use in the last 14, by 7 (capped at 1): use that repeats. */
	REPEATED_USE,

	/** Craving on the recent check-ins, 0-10 scaled. */
	CRAVING_LEVEL,

	/** Recent craving above the patient's usual, scaled by 10. */
	CRAVING_RISE,

	/** Low abstinence self-efficacy: (10 - recent confidence) / 10. */
	LOW_CONFIDENCE,

	/** Recent confidence below the patient's usual, scaled by 10. */
	CONFIDENCE_DROP,

	/** A high-risk situation reported as coming up in the last 3 days. */
	HIGH_RISK_SITUATION,

	/** Recent mood below the patient's usual, scaled by 10. */
	MOOD_DROP,

	/** Recent stress above the patient's usual, scaled by 10. */
	STRESS_RISE,

	/** Recent sleep below the patient's usual, scaled by 4 hours. */
	SLEEP_DROP,

	/**
	 * Full days since the last check-in, up to 7: missing check-ins count as risk, never
	 * as "nothing to report".
	 */
	CHECK_IN_SILENCE,

	/** Days without a check-in among the last 7 full days in treatment. */
	CHECK_IN_GAPS,

	/** The share of counted sessions missed in 14 days. */
	SESSIONS_MISSED,

	/** The attendance share's fall from the 14 days before to the last 14. */
	ATTENDANCE_DECLINE,

	/** The latest PACS (within 14 days), scaled by its maximum 30. */
	PACS,

	/** The latest BAM Risk subscale (within 30 days), scaled by 24. */
	BAM_RISK,

	/** The latest BAM Protective subscale's shortfall (within 30 days), scaled by 24. */
	BAM_LOW_PROTECTION,

	/** PHQ-9 rise from the previous score, in reliable-change units (capped at 1). */
	DEPRESSION_WORSENING,

	/** GAD-7 rise from the previous score, in reliable-change units (capped at 1). */
	ANXIETY_WORSENING,

	/** Early treatment carries more risk: 1 on day 0, falling to 0 by week 12. */
	EARLY_IN_TREATMENT;

	/** The name in the model file and on the wire, e.g. {@code cravingRise}. */
	public String key() {
		StringBuilder key = new StringBuilder();
		boolean upper = false;
		for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				key.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return key.toString();
	}

}
