package org.stepwise.contracts.assessment;

/**
 * One analyte of a urine drug screen. {@code countsAsUse} is false for a negative result
 * and for a prescribed medication (e.g. buprenorphine, methadone).
 */
public record AnalyteResult(String analyte, boolean positive, boolean confirmatory, boolean prescribed,
		boolean countsAsUse) {
}
