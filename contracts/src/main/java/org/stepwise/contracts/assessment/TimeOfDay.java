package org.stepwise.contracts.assessment;

/**
 * When a heart rate was taken: the medical-instability threshold is lower at night
 * (docs/clinical-rules.md section 8: under 50/min by day, under 45 at night).
 */
public enum TimeOfDay {

	DAY, NIGHT

}
