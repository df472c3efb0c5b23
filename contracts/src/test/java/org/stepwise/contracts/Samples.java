package org.stepwise.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

/** One realistic, fixed event per type: the golden files are these, encoded. */
final class Samples {

	static final Instant SESSION_START = Instant.parse("2026-03-02T23:00:00Z");

	static final Instant SESSION_END = Instant.parse("2026-03-03T02:00:00Z");

	static final Instant RECORDED = Instant.parse("2026-03-03T02:05:00Z");

	static final LevelOfCare IOP = new LevelOfCare("2.1", 3);

	static final LevelOfCare OP = new LevelOfCare("1.0", 3);

	private Samples() {
	}

	static EventEnvelope<StepwiseEvent> of(EventType type) {
		StepwiseEvent data = switch (type) {
			case SESSION_SCHEDULED -> new SessionScheduled("session-1", "program-a", "patient-1", SessionType.GROUP,
					Modality.CBT, SESSION_START, SESSION_END, "clinician-7", RECORDED);
			case SESSION_CHANGED ->
				new SessionChanged("session-1", "program-a", "patient-1", SessionType.GROUP, Modality.DBT,
						SESSION_START.plusSeconds(3600), SESSION_END.plusSeconds(3600), "clinician-8", RECORDED);
			case SESSION_CANCELLED ->
				new SessionCancelled("session-1", "program-a", "patient-1", SESSION_START, false, RECORDED);
			case ATTENDANCE_RECORDED -> new AttendanceRecorded("session-1/patient-1", "session-1", "program-a",
					"patient-1", SessionType.GROUP, AttendanceStatus.LATE, 160, 180, SESSION_START, RECORDED);
			case ATTENDANCE_CORRECTED -> new AttendanceCorrected("session-1/patient-1", "session-1", "program-a",
					"patient-1", SessionType.GROUP, AttendanceStatus.NO_SHOW, AttendanceStatus.EXCUSED, 0, 180, 1,
					"clinician-7", SESSION_START, RECORDED.plusSeconds(86_400));
			case CHECK_IN_SUBMITTED -> new CheckInSubmitted("checkin-1", "program-a", "patient-1", 4, 7, true,
					List.of("alcohol"), new BigDecimal("5.5"), 8, true, Set.of(SensitivityLabel.PART2),
					Instant.parse("2026-03-03T13:30:00Z"), Instant.parse("2026-03-03T13:30:02Z"), 3, true,
					HighRiskCategory.CELEBRATION);
			case ASSESSMENT_SCORED -> new AssessmentScored("assessment-1", "program-a", "patient-1", Instrument.PHQ9,
					Map.of("1", 2, "2", 2, "3", 3, "4", 2, "5", 1, "6", 2, "7", 2, "8", 1, "9", 1), 16, Map.of(),
					"moderately severe", List.of(), SafetyLevel.HIGH, Set.of(), Instant.parse("2026-03-03T15:00:00Z"),
					Instant.parse("2026-03-03T15:00:01Z"));
			case PLAN_CHANGED -> new PlanChanged("plan-1", "program-a", "patient-1", 2, IOP, false,
					new BigDecimal("12"), 4, List.of("clinician-7", "clinician-9"), PlanMode.AUTOMATIC, false,
					LocalDate.parse("2026-02-09"), ChangeDirection.STEP_UP, "system",
					List.of(new Reason("S6", "Use reported on 2026-03-02", Map.of("uses14d", "2"))), "rules-1",
					RECORDED, PlanPhase.IOP, LocalDate.parse("2026-02-09"));
			case RECOMMENDATION_MADE -> new RecommendationMade("rec-1", "plan-1", "program-a", "patient-1",
					RecommendationKind.STEP_DOWN, IOP, OP, List.of(new Reason("READY",
							"28 days without use; attendance 94%", Map.of("attendance28d", "0.94"))),
					List.of("clinician-7"), "rules-1", RECORDED);
			case RECOMMENDATION_DECIDED -> new RecommendationDecided("rec-1", "plan-1", "program-a", "patient-1", true,
					"clinician-7", RECORDED.plusSeconds(3600));
			case PROGRESS_ASSESSED -> new ProgressAssessed("program-a", "patient-1", 12, RiskLevel.HIGH, false,
					List.of(new SignalFired("S6", "SUBSTANCE_USE", Severity.MEDIUM, "Use reported on 2026-03-02",
							Map.of("uses14d", "1"), Instant.parse("2026-03-02T13:30:00Z")),
							new SignalFired("S7", "CRAVING", Severity.LOW, "Craving 7/10 on 2 check-ins in a row",
									Map.of("craving", "7"), Instant.parse("2026-03-01T13:30:00Z"))),
					List.of("clinician-7"), List.of("event-1", "event-2"), "rules-1", RECORDED,
					new LapseRisk(41, LapseRiskLevel.ELEVATED, "lapse-risk-1",
							List.of(new LapseRisk.Driver("cravingTrend", "craving up from 2 to 6 over 5 days", 9))));
			case ALERT_RAISED -> new AlertRaised("alert-1", "program-a", "patient-1", "RELAPSE_RISK", Severity.HIGH,
					"Relapse risk HIGH: use with craving", Map.of("risk", "HIGH"), List.of("clinician-7"),
					List.of("event-2"), RECORDED);
			case ALERT_CHANGED -> new AlertChanged("alert-1", "program-a", "patient-1", "RELAPSE_RISK", "ACKNOWLEDGED",
					AlertStatus.ACKNOWLEDGED, Severity.HIGH, "Relapse risk HIGH: use with craving", "clinician-7",
					RECORDED.plusSeconds(600));
			case PROGRAM_UPDATED ->
				new ProgramUpdated("program-a", "Evening IOP", ProgramType.DUAL_DIAGNOSIS, "America/Chicago", "ADULT",
						Map.of("s3.phq9Rise", "5"), "clinician-9", List.of("https://ehr.example/hooks/stepwise"), 3,
						RECORDED, List.of(ProgramType.DUAL_DIAGNOSIS, ProgramType.ADOLESCENT));
			case AUDIT_RECORDED ->
				new AuditRecorded("audit-1", "assessment-service", "clinician-a1", List.of("clinician"), "clinician-a1",
						"assessment.read", "patient-1", "program-a", AuditOutcome.ALLOWED, RECORDED, 42L,
						"93af56c48de6910a7b892ef1460ec17ad1930c8eef869badca863f7a56118576");
			case VITALS_RECORDED -> new VitalsRecorded("vitals-1", "program-a", "patient-1", TimeOfDay.DAY,
					new BigDecimal("41.2"), new BigDecimal("162.0"), 48, 88, 50, new BigDecimal("35.9"),
					new VitalsRecorded.Orthostatic(52, 90, 96, 84, 58, 54), 190, new BigDecimal("15.7"),
					new BigDecimal("77.2"), List.of(), Instant.parse("2026-03-03T15:30:00Z"),
					Instant.parse("2026-03-03T15:30:01Z"));
		};
		return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, "00000000-0000-4000-8000-" + pad(type.ordinal()),
				"/stepwise/sample", type.type(), RECORDED, data.subject(), EventEnvelope.DATA_CONTENT_TYPE, data);
	}

	/**
	 * A drug screen: no total (the one nullable number), analytes instead of items, the
	 * Part 2 label. A prescribed buprenorphine positive does not count as use.
	 */
	static EventEnvelope<StepwiseEvent> drugScreen() {
		AssessmentScored uds = new AssessmentScored("assessment-2", "program-a", "patient-1", Instrument.UDS, Map.of(),
				null, Map.of(), "positive",
				List.of(new AnalyteResult("buprenorphine", true, false, true, false),
						new AnalyteResult("fentanyl", true, true, false, true),
						new AnalyteResult("cocaine", false, false, false, false)),
				SafetyLevel.NONE, Set.of(SensitivityLabel.PART2), Instant.parse("2026-03-04T16:20:00Z"),
				Instant.parse("2026-03-05T09:00:00Z"));
		return envelope(uds, "00000000-0000-4000-8000-100000000006");
	}

	/** A program without an on-call clinician (the optional field left out). */
	static EventEnvelope<StepwiseEvent> programWithoutOnCall() {
		ProgramUpdated program = new ProgramUpdated("program-b", "Adolescent IOP", ProgramType.ADOLESCENT,
				"Europe/Berlin", "ADOLESCENT", Map.of(), null, List.of(), 1, RECORDED);
		return envelope(program, "00000000-0000-4000-8000-100000000013");
	}

	private static EventEnvelope<StepwiseEvent> envelope(StepwiseEvent data, String id) {
		return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, id, "/stepwise/sample", EventType.of(data).type(),
				RECORDED, data.subject(), EventEnvelope.DATA_CONTENT_TYPE, data);
	}

	private static String pad(int number) {
		return String.format("%012d", number);
	}

}
