package org.stepwise.contracts.plan;

import java.time.Instant;

import org.stepwise.contracts.Identifier;

/** A clinician approved or declined a recommendation. */
public record RecommendationDecided(String recommendationId, String planId, @Identifier String programId,
		@Identifier String patientId, boolean approved, String decidedBy, Instant occurredAt) implements PlanEvent {
}
