package org.stepwise.contracts.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;

/**
 * A recommendation is no longer pending: a clinician approved or declined it, or
 * plan-service withdrew it or let it expire ({@code decidedBy} {@code stepwise}). Either
 * way its alert resolves.
 *
 * @param approved whether the change was approved (false for every other decision)
 * @param decision what became of it; events from before it existed carry none and read as
 * APPROVED or DECLINED from {@code approved}
 * @param reason why plan-service closed it (e.g. "superseded by STEP_DOWN to 1.0"), none
 * for a clinician's decision
 */
public record RecommendationDecided(String recommendationId, String planId, @Identifier String programId,
		@Identifier String patientId, boolean approved, String decidedBy, Instant occurredAt,
		@Nullable RecommendationDecision decision, @Nullable String reason) implements PlanEvent {

	public RecommendationDecided {
		if (decision == null) {
			decision = approved ? RecommendationDecision.APPROVED : RecommendationDecision.DECLINED;
		}
	}

	/** A clinician's approval or decline. */
	public RecommendationDecided(String recommendationId, String planId, String programId, String patientId,
			boolean approved, String decidedBy, Instant occurredAt) {
		this(recommendationId, planId, programId, patientId, approved, decidedBy, occurredAt, null, null);
	}

}
