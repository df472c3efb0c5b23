package org.stepwise.alert.alert;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * The fast path of S1/S2 (docs/clinical-rules.md section 6): a safety-flagged assessment
 * becomes a SAFETY alert directly, without waiting for plan-service. The level was set at
 * the source; this maps it to an alert severity. Pure.
 */
public final class SafetyRule {

	public static final String KIND = "SAFETY";

	private SafetyRule() {
	}

	/**
	 * @param zone the program's clinical zone: the evidence names the day there, as
	 * plan-service's signals do
	 */
	public static Optional<AlertEvidence> evaluate(AssessmentScored assessment, ZoneId zone) {
		if (!assessment.safety().flagged()) {
			return Optional.empty();
		}
		Severity severity = severity(assessment.safety());
		String day = LocalDate.ofInstant(assessment.occurredAt(), zone).toString();
		String evidence = switch (assessment.instrument()) {
			case PHQ9 -> "PHQ-9 item 9 = " + assessment.items().get("9") + " on " + day;
			case CSSRS -> "C-SSRS screener " + assessment.band() + " on " + day;
			default -> assessment.instrument() + " safety concern on " + day;
		};
		String signal = (assessment.instrument() == Instrument.CSSRS) ? "S2" : "S1";
		return Optional.of(new AlertEvidence(assessment.programId(), assessment.patientId(), KIND, severity, evidence,
				Map.of("signal", signal, "instrument", assessment.instrument().name(), "level",
						assessment.safety().name()),
				java.util.List.of(), java.util.List.of(assessment.assessmentId()),
				assessment.occurredAt().toEpochMilli(), assessment.occurredAt()));
	}

	static Severity severity(SafetyLevel level) {
		return switch (level) {
			case CRITICAL -> Severity.CRITICAL;
			case HIGH, MODERATE -> Severity.HIGH;
			case LOW -> Severity.MEDIUM;
			case NONE -> throw new IllegalArgumentException("not a safety concern");
		};
	}

}
