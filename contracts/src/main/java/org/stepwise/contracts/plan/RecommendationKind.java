package org.stepwise.contracts.plan;

public enum RecommendationKind {

	STEP_DOWN, STEP_UP, CRISIS_EVALUATION

}
