package org.stepwise.contracts.plan;

import java.time.Instant;

/** A clinician approved or declined a recommendation. */
public record RecommendationDecided(String recommendationId, String planId, String programId, String patientId,
		boolean approved, String decidedBy, Instant occurredAt) implements PlanEvent {
}
