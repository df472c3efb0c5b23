package org.stepwise.contracts.plan;

public enum ChangeDirection {

	ENROLLED, STEP_UP, STEP_DOWN, UNCHANGED_INTENSITY, REVERTED

}
