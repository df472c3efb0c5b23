package org.stepwise.contracts;

/**
 * Data-segmentation labels carried by events, so data can be filtered before it leaves
 * the program. {@link #PART2}: derived from substance-use treatment records (42 CFR Part
 * 2): UDS, BAM, AUDIT-C, DAST-10, reported use.
 */
public enum SensitivityLabel {

	PART2

}
