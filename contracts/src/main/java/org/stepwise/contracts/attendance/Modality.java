package org.stepwise.contracts.attendance;

public enum Modality {

	CBT, DBT, MOTIVATIONAL_INTERVIEWING, TWELVE_STEP_FACILITATION, FAMILY_THERAPY, PSYCHOEDUCATION, OTHER

}
