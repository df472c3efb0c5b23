package org.stepwise.contracts.progress;

/**
 * The early warning's level (docs/clinical-rules.md section 3b): ELEVATED asks for
 * outreach within 72 hours, HIGH for contact within 24 hours.
 */
public enum LapseRiskLevel {

	LOW, ELEVATED, HIGH

}
