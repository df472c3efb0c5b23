package org.stepwise.contracts.assessment;

/** Standardized instruments (CLINICAL.md section 2). */
public enum Instrument {

	PHQ9, GAD7, AUDITC, DAST10, BAM, PACS, CSSRS, UDS

}
