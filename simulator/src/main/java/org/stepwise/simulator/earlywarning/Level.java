package org.stepwise.simulator.earlywarning;

/**
 * The early-warning alert state of a patient on a day, after hysteresis (CLINICAL.md 3b):
 * ELEVATED is a MEDIUM alert, HIGH a HIGH alert.
 */
public enum Level {

	LOW, ELEVATED, HIGH;

	/** Whether this state is an open relapse-risk alert. */
	public boolean alerting() {
		return this != LOW;
	}

}
