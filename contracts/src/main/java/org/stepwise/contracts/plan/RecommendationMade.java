package org.stepwise.contracts.plan;

import java.time.Instant;
import java.util.List;

/**
 * A level-of-care change awaiting a clinician's decision; never applied automatically.
 */
public record RecommendationMade(String recommendationId, String planId, String programId, String patientId,
		RecommendationKind kind, LevelOfCare fromLevel, LevelOfCare toLevel, List<Reason> reasons,
		List<String> careTeam, String ruleSetVersion, Instant occurredAt) implements PlanEvent {
}
