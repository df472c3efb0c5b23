package org.stepwise.simulator.cohort;

/**
 * The kinds of coming high-risk situation a check-in can name (the check-in's
 * {@code highRiskCategory}).
 */
public enum HighRiskCategory {

	PEOPLE, PLACES, STRESS, CELEBRATION, PAIN, OTHER

}
