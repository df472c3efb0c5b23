package org.stepwise.contracts;

/**
 * Severity of a signal or an alert, lowest first (docs/clinical-rules.md sections 3 and
 * 6).
 */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL

}
