package org.stepwise.contracts;

/** Severity of a signal or an alert, lowest first (CLINICAL.md sections 3 and 6). */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL

}
