package org.stepwise.contracts.checkin;

import org.stepwise.contracts.StepwiseEvent;

/** Events on {@code stepwise.checkins.v1}, keyed by patient id. */
public sealed interface CheckInEvent extends StepwiseEvent permits CheckInSubmitted {

	String patientId();

	String programId();

	@Override
	default String subject() {
		return patientId();
	}

}
