package org.stepwise.simulator.report;

import java.time.Instant;

/**
 * What Stepwise produced, in the shape the report needs (to be fetched from alert-service
 * {@code GET /api/v1/alerts?programId=...} and plan-service's plan history).
 */
public final class Observed {

	public static final String RELAPSE_RISK = "RELAPSE_RISK";

	public static final String SAFETY = "SAFETY";

	public static final String STEP_DOWN_READY = "STEP_DOWN_READY";

	private Observed() {
	}

	/**
	 * An alert as raised.
	 *
	 * @param kind e.g. {@code RELAPSE_RISK}, {@code SAFETY}, {@code STEP_DOWN_READY}
	 * @param clinicalAt clinical time of the evidence that raised it (the alert's
	 * {@code occurredAt}): what lead times are counted in
	 * @param raisedAt when alert-service raised it (wall clock): what latencies are
	 * counted in
	 */
	public record Alert(String patientId, String kind, String severity, Instant clinicalAt, Instant raisedAt) {
	}

	/**
	 * A change of a plan.
	 *
	 * @param automatic made by plan-service within the guardrails (not a clinician)
	 * @param stepDown a step-down recommendation (IOP toward OP)
	 */
	public record PlanChange(String patientId, Instant clinicalAt, boolean automatic, boolean stepDown) {
	}

}
