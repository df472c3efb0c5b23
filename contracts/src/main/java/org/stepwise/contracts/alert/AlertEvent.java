package org.stepwise.contracts.alert;

import org.stepwise.contracts.StepwiseEvent;

/** Events on {@code stepwise.alerts.v1}, keyed by patient id. */
public sealed interface AlertEvent extends StepwiseEvent permits AlertRaised, AlertChanged {

	String patientId();

	String programId();

	String alertId();

	@Override
	default String subject() {
		return patientId();
	}

}
