package org.stepwise.contracts.plan;

/**
 * What became of a recommendation: a clinician approved or declined it, or plan-service
 * closed it by itself because a newer recommendation in the opposite direction superseded
 * it (WITHDRAWN) or nobody decided it in time (EXPIRED).
 */
public enum RecommendationDecision {

	APPROVED, DECLINED, WITHDRAWN, EXPIRED

}
