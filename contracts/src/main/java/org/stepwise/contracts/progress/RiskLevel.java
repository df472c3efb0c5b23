package org.stepwise.contracts.progress;

/** Relapse risk (CLINICAL.md section 3). */
public enum RiskLevel {

	LOW, MODERATE, HIGH

}
