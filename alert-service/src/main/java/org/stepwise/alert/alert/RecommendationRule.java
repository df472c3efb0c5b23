package org.stepwise.alert.alert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;

/**
 * A level-of-care recommendation awaiting a clinician's decision as alert evidence: kind
 * {@code RECOMMENDATION_<kind>} ({@code RE_ENTRY} for a return to IOP from aftercare),
 * resolved when decided. Pure.
 */
public final class RecommendationRule {

	private RecommendationRule() {
	}

	/**
	 * The kind of the alert for a return to IOP from aftercare (docs/clinical-rules.md
	 * section 8): raised from its recommendation, so it carries the recommendation to
	 * approve and resolves with the decision.
	 */
	public static final String RE_ENTRY = "RE_ENTRY";

	public static AlertEvidence evidence(RecommendationMade made, String eventId, List<String> careTeam) {
		String reasons = made.reasons().stream().map((reason) -> reason.evidence()).collect(Collectors.joining("; "));
		String evidence = "Recommended " + made.kind() + " " + made.fromLevel().code() + " -> " + made.toLevel().code()
				+ ", awaiting approval" + (reasons.isEmpty() ? "" : ": " + reasons);
		return new AlertEvidence(made.programId(), made.patientId(), kind(made.kind()), severity(made.kind()), evidence,
				Map.of("recommendationId", made.recommendationId(), "fromLevel", made.fromLevel().code(), "toLevel",
						made.toLevel().code()),
				careTeam, List.of(eventId), made.occurredAt().toEpochMilli(), made.occurredAt());
	}

	/** The alert kind of a recommendation: {@code RECOMMENDATION_<kind>}, or RE_ENTRY. */
	static String kind(RecommendationKind kind) {
		return (kind == RecommendationKind.RE_ENTRY) ? RE_ENTRY : AlertBook.RECOMMENDATION_PREFIX + kind;
	}

	/** Whether alerts of this kind await a clinician's decision on a recommendation. */
	static boolean awaitsDecision(String kind) {
		return kind.startsWith(AlertBook.RECOMMENDATION_PREFIX) || kind.equals(RE_ENTRY);
	}

	static Severity severity(RecommendationKind kind) {
		return switch (kind) {
			// a return to treatment is due within a day, like relapse risk HIGH
			case CRISIS_EVALUATION, RE_ENTRY -> Severity.HIGH;
			case STEP_UP -> Severity.MEDIUM;
			case STEP_DOWN -> Severity.LOW;
		};
	}

}
