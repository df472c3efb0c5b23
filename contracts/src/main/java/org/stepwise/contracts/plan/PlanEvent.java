package org.stepwise.contracts.plan;

import org.stepwise.contracts.StepwiseEvent;

/** Events on {@code stepwise.plans.v1}, keyed by patient id. */
public sealed interface PlanEvent extends StepwiseEvent permits PlanChanged, RecommendationMade, RecommendationDecided {

	String patientId();

	String programId();

	@Override
	default String subject() {
		return patientId();
	}

}
