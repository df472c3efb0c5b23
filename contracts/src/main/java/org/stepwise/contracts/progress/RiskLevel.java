package org.stepwise.contracts.progress;

/** Relapse risk (docs/clinical-rules.md section 3). */
public enum RiskLevel {

	LOW, MODERATE, HIGH

}
