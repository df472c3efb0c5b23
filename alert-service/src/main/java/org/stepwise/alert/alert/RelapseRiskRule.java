package org.stepwise.alert.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

/**
 * Relapse risk as an alert of its own (CLINICAL.md section 3): plan-service combines the
 * signals into a level; HIGH raises a {@value #KIND} alert (severity HIGH) explained by
 * the signals that made it, and it resolves when the level falls. MODERATE does not
 * alert: it is any single signal of S3-S10, each of which already alerts on its own.
 * Pure.
 */
public final class RelapseRiskRule {

	public static final String KIND = "RELAPSE_RISK";

	/** The signals the relapse-risk level is combined from. */
	static final Set<String> RISK_SIGNALS = Set.of("S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10");

	private RelapseRiskRule() {
	}

	/** The evidence for a {@value #KIND} alert, if the assessment's risk is HIGH. */
	public static Optional<AlertEvidence> evaluate(ProgressAssessed assessment, List<String> careTeam) {
		if (assessment.riskLevel() != RiskLevel.HIGH) {
			return Optional.empty();
		}
		List<SignalFired> risk = assessment.signals().stream().filter((s) -> RISK_SIGNALS.contains(s.id())).toList();
		String because = risk.stream()
			.map((s) -> s.id() + " " + s.kind() + " (" + s.evidence() + ")")
			.collect(Collectors.joining("; "));
		return Optional.of(new AlertEvidence(assessment.programId(), assessment.patientId(), KIND, Severity.HIGH,
				"Relapse risk HIGH: " + because,
				Map.of("riskLevel", RiskLevel.HIGH.name(), "signals",
						risk.stream().map(SignalFired::id).collect(Collectors.joining(","))),
				careTeam, assessment.sourceEventIds(), assessment.revision()));
	}

}
