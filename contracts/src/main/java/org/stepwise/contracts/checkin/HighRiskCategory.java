package org.stepwise.contracts.checkin;

/**
 * What kind of high-risk situation a patient sees coming (the relapse-prevention
 * categories of Marlatt's model, kept coarse so a patient can answer in a second).
 */
public enum HighRiskCategory {

	PEOPLE, PLACES, STRESS, CELEBRATION, PAIN, OTHER

}
