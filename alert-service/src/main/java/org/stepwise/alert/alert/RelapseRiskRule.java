package org.stepwise.alert.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

/**
 * A patient's one relapse-risk alert (docs/clinical-rules.md sections 3 and 3b), at the
 * level {@link LapseRisk#alertLevel} gives: HIGH (severity HIGH) while the rules'
 * combined risk is HIGH or the early warning is HIGH, MEDIUM while the early warning is
 * ELEVATED, and no evidence at LOW, so the alert resolves. The level already carries
 * plan-service's hysteresis: this rule follows it and adds none. MODERATE combined risk
 * does not alert: it is any single signal of S3-S10, each of which already alerts on its
 * own.
 * <p>
 * The evidence says why: the early warning first when it is raised (its level, the chance
 * of use in 7 days, the model, the drivers in words), then the rules' signals when their
 * HIGH holds. Pure.
 */
public final class RelapseRiskRule {

	public static final String KIND = "RELAPSE_RISK";

	/** The signals the relapse-risk level is combined from. */
	static final Set<String> RISK_SIGNALS = Set.of("S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10");

	/**
	 * Value key prefix of one driver's words, e.g. {@code driver:cravingRise} (no dots:
	 * they are map keys in the store).
	 */
	public static final String DRIVER_PREFIX = "driver:";

	private RelapseRiskRule() {
	}

	/** The evidence for a {@value #KIND} alert, if the alert level is above LOW. */
	public static Optional<AlertEvidence> evaluate(ProgressAssessed assessment, List<String> careTeam) {
		LapseRisk earlyWarning = assessment.lapseRisk();
		LapseRiskLevel level = LapseRisk.alertLevel(assessment.riskLevel(), earlyWarning);
		if (level == LapseRiskLevel.LOW) {
			return Optional.empty();
		}
		boolean rulesHigh = assessment.riskLevel() == RiskLevel.HIGH;
		List<String> because = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		values.put("riskLevel", assessment.riskLevel().name());
		if (earlyWarning != null) {
			values.put("lapseRiskLevel", earlyWarning.level().name());
			values.put("lapseRiskPercent", Integer.toString(earlyWarning.percent()));
			values.put("lapseRiskModel", earlyWarning.modelVersion());
		}
		if (earlyWarning != null && earlyWarning.level() != LapseRiskLevel.LOW) {
			because.add(earlyWarning(earlyWarning));
			values.put("drivers",
					earlyWarning.drivers().stream().map(LapseRisk.Driver::feature).collect(Collectors.joining(",")));
			earlyWarning.drivers().forEach((d) -> values.put(DRIVER_PREFIX + d.feature(), d.evidence()));
		}
		if (rulesHigh) {
			List<SignalFired> risk = assessment.signals()
				.stream()
				.filter((s) -> RISK_SIGNALS.contains(s.id()))
				.toList();
			because.add("Relapse risk HIGH: " + risk.stream()
				.map((s) -> s.id() + " " + s.kind() + " (" + s.evidence() + ")")
				.collect(Collectors.joining("; ")));
			values.put("signals", risk.stream().map(SignalFired::id).collect(Collectors.joining(",")));
		}
		Severity severity = (level == LapseRiskLevel.HIGH) ? Severity.HIGH : Severity.MEDIUM;
		return Optional.of(new AlertEvidence(assessment.programId(), assessment.patientId(), KIND, severity,
				String.join(". ", because), values, careTeam, assessment.sourceEventIds(), assessment.revision(),
				null));
	}

	/**
	 * "Early warning: lapse risk ELEVATED (34% in 7 days, model lapse-risk-0.1): craving
	 * up from 2 to 6 over 5 days; confidence 4 of 10 ...", drivers strongest first.
	 */
	private static String earlyWarning(LapseRisk risk) {
		String drivers = risk.drivers().stream().map(LapseRisk.Driver::evidence).collect(Collectors.joining("; "));
		return "Early warning: lapse risk " + risk.level() + " (" + risk.percent() + "% in 7 days, model "
				+ risk.modelVersion() + ")" + (drivers.isEmpty() ? "" : ": " + drivers);
	}

}
