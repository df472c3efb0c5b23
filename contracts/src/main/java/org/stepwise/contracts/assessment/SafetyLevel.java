package org.stepwise.contracts.assessment;

/**
 * Safety concern found at the source (docs/clinical-rules.md section 3, S1/S2): PHQ-9
 * item 9 > 0 is HIGH, >= 2 CRITICAL; C-SSRS low, moderate and emergent tiers map to LOW,
 * MODERATE and CRITICAL.
 */
public enum SafetyLevel {

	NONE, LOW, MODERATE, HIGH, CRITICAL;

	public boolean flagged() {
		return this != NONE;
	}

}
