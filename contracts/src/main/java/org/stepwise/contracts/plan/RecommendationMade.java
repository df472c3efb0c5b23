package org.stepwise.contracts.plan;

import java.time.Instant;
import java.util.List;

import org.stepwise.contracts.Identifier;

/**
 * A level-of-care change awaiting a clinician's decision; never applied automatically.
 */
public record RecommendationMade(String recommendationId, String planId, @Identifier String programId,
		@Identifier String patientId, RecommendationKind kind, LevelOfCare fromLevel, LevelOfCare toLevel,
		List<Reason> reasons, List<String> careTeam, String ruleSetVersion, Instant occurredAt) implements PlanEvent {
}
