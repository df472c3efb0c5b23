package org.stepwise.contracts.plan;

/**
 * What a recommendation proposes; {@code RE_ENTRY} is a return to IOP from aftercare.
 */
public enum RecommendationKind {

	STEP_DOWN, STEP_UP, CRISIS_EVALUATION, RE_ENTRY

}
