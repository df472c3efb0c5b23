package org.stepwise.contracts.assessment;

import org.stepwise.contracts.StepwiseEvent;

/** Events on {@code stepwise.assessments.v1}, keyed by patient id. */
public sealed interface AssessmentEvent extends StepwiseEvent permits AssessmentScored, VitalsRecorded {

	String patientId();

	String programId();

	@Override
	default String subject() {
		return patientId();
	}

}
