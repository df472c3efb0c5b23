package org.stepwise.contracts.alert;

/**
 * Every kind of alert (docs/clinical-rules.md sections 3, 4 and 6): the signals' kinds,
 * relapse risk, step-down readiness and the recommendations awaiting a decision
 * ({@code RE_ENTRY}: a return to IOP from aftercare, section 8). The events carry the
 * kind as a string; their schemas allow only these names.
 */
public enum AlertKind {

	SAFETY, DEPRESSION_WORSENING, ANXIETY_WORSENING, NOT_ON_TRACK, SUBSTANCE_USE, CRAVING, BAM_CONCERN, DISENGAGEMENT,
	LOW_ATTENDANCE, UNDER_DOSED_WEEK, CHECK_IN_SILENCE, FAMILY_SESSIONS_MISSED, RELAPSE_RISK, STEP_DOWN_READY,
	RECOMMENDATION_STEP_DOWN, RECOMMENDATION_STEP_UP, RECOMMENDATION_CRISIS_EVALUATION, MEDICAL_INSTABILITY,
	RAPID_WEIGHT_LOSS, EATING_DISORDER_WORSENING, RE_ENTRY

}
