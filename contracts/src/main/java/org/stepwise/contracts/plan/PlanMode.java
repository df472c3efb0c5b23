package org.stepwise.contracts.plan;

/**
 * AUTOMATIC: plan-service may change intensity inside the band; RECOMMEND_ONLY: it only
 * recommends.
 */
public enum PlanMode {

	AUTOMATIC, RECOMMEND_ONLY

}
