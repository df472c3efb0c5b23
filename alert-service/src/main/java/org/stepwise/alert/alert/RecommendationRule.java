package org.stepwise.alert.alert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;

/**
 * A level-of-care recommendation awaiting a clinician's decision as alert evidence: kind
 * {@code RECOMMENDATION_<kind>}, resolved when decided. Pure.
 */
public final class RecommendationRule {

	private RecommendationRule() {
	}

	public static AlertEvidence evidence(RecommendationMade made, String eventId, List<String> careTeam) {
		String reasons = made.reasons().stream().map((reason) -> reason.evidence()).collect(Collectors.joining("; "));
		String evidence = "Recommended " + made.kind() + " " + made.fromLevel().code() + " -> " + made.toLevel().code()
				+ ", awaiting approval" + (reasons.isEmpty() ? "" : ": " + reasons);
		return new AlertEvidence(made.programId(), made.patientId(), AlertBook.RECOMMENDATION_PREFIX + made.kind(),
				severity(made.kind()), evidence,
				Map.of("recommendationId", made.recommendationId(), "fromLevel", made.fromLevel().code(), "toLevel",
						made.toLevel().code()),
				careTeam, List.of(eventId), made.occurredAt().toEpochMilli(), made.occurredAt());
	}

	static Severity severity(RecommendationKind kind) {
		return switch (kind) {
			case CRISIS_EVALUATION -> Severity.HIGH;
			case STEP_UP -> Severity.MEDIUM;
			case STEP_DOWN -> Severity.LOW;
		};
	}

}
