package org.stepwise.simulator.cohort;

/**
 * The trajectory a synthetic patient follows through the program.
 */
public enum Archetype {

	/**
	 * Improves steadily: PHQ-9 falls by half or more by week 8, craving fades, no use.
	 */
	RESPONDER,

	/**
	 * Improves, but too slowly: not responded by week 8 (docs/clinical-rules.md section
	 * 3, S5), about half by week 11.
	 */
	SLOW_RESPONDER,

	/** Stays where it started, and lapses more often than most (LapseProcess). */
	NON_RESPONDER,

	/**
	 * Improves, has a scheduled lapse (a single day of use after a five-day precursor of
	 * the LapseProcess), recovers.
	 */
	LAPSE_THEN_RECOVERY,

	/**
	 * Improves, then a ten-day precursor of the LapseProcess (craving up, confidence
	 * down) comes before repeated use starts (the relapse day) and runs to the end;
	 * attendance falls and mood worsens.
	 */
	RELAPSE,

	/** Attends less and less and stops coming (and checking in) after the dropout day. */
	DROPOUT,

	/**
	 * Worsens until a weekly PHQ-9 answers item 9 "more than half the days" or more (the
	 * safety event), then improves after the crisis response.
	 */
	SAFETY_EVENT

}
