package org.stepwise.contracts.progress;

import org.stepwise.contracts.StepwiseEvent;

/** Events on {@code stepwise.progress.v1}, keyed by patient id. */
public sealed interface ProgressEvent extends StepwiseEvent permits ProgressAssessed {

	String patientId();

	String programId();

	@Override
	default String subject() {
		return patientId();
	}

}
