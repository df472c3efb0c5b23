package org.stepwise.contracts.audit;

/** Whether the audited access was allowed. */
public enum AuditOutcome {

	/** The caller read or changed the data. */
	ALLOWED,

	/**
	 * The caller was refused (403 for a role without the right, 404 for data of another
	 * program or care team).
	 */
	DENIED

}
