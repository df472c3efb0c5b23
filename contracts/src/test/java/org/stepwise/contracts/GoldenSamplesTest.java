package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
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
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationDecision;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Fixed JSON samples, one per event type, that every consumer must keep reading. */
class GoldenSamplesTest {

	private final EventCodec codec = new EventCodec();

	private final JsonMapper json = EventCodec.defaultMapper();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theGoldenSampleDecodesToTheExpectedEvent(EventType type) {
		if (ContractFiles.rewrite() && !Files.exists(ContractFiles.golden(type))) {
			ContractFiles.write(ContractFiles.golden(type),
					this.json.writerWithDefaultPrettyPrinter().writeValueAsString(Samples.of(type)) + "\n");
		}
		EventEnvelope<StepwiseEvent> decoded = this.codec.decode(golden(type));

		assertThat(decoded).isEqualTo(Samples.of(type));
		assertThat(decoded.data()).isInstanceOf(type.payload());
		assertThat(decoded.eventType()).isEqualTo(type);
		assertThat(decoded.topic()).isEqualTo(type.topic());
	}

	/**
	 * The values written literally here, not taken from {@link Samples}: a change in how
	 * a field is read (time zone, number scale, enum name, nesting) shows up even if the
	 * samples change with it.
	 */
	@ParameterizedTest
	@EnumSource(EventType.class)
	void theGoldenSampleCarriesTheseValues(EventType type) {
		EventEnvelope<StepwiseEvent> event = this.codec.decode(golden(type));

		assertThat(event.specversion()).isEqualTo("1.0");
		assertThat(event.id()).isEqualTo("00000000-0000-4000-8000-%012d", type.ordinal());
		assertThat(event.source()).isEqualTo("/stepwise/sample");
		assertThat(event.type()).isEqualTo(type.type());
		assertThat(event.time()).isEqualTo(Instant.parse("2026-03-03T02:05:00Z"));
		assertThat(event.datacontenttype()).isEqualTo("application/json");
		assertThat(event.subject()).isEqualTo((type == EventType.PROGRAM_UPDATED) ? "program-a" : "patient-1");
		switch (event.data()) {
			case SessionScheduled e -> {
				assertThat(e.sessionId()).isEqualTo("session-1");
				assertThat(e.programId()).isEqualTo("program-a");
				assertThat(e.patientId()).isEqualTo("patient-1");
				assertThat(e.sessionType()).isEqualTo(SessionType.GROUP);
				assertThat(e.modality()).isEqualTo(Modality.CBT);
				assertThat(e.startsAt()).isEqualTo("2026-03-02T23:00:00Z");
				assertThat(Duration.between(e.startsAt(), e.endsAt())).hasHours(3);
				assertThat(e.facilitatorId()).isEqualTo("clinician-7");
				assertThat(e.recordedAt()).isEqualTo("2026-03-03T02:05:00Z");
			}
			case SessionChanged e -> {
				assertThat(e.modality()).isEqualTo(Modality.DBT);
				assertThat(e.startsAt()).isEqualTo("2026-03-03T00:00:00Z");
				assertThat(e.endsAt()).isEqualTo("2026-03-03T03:00:00Z");
				assertThat(e.facilitatorId()).isEqualTo("clinician-8");
			}
			case SessionCancelled e -> {
				assertThat(e.sessionId()).isEqualTo("session-1");
				assertThat(e.startsAt()).isEqualTo("2026-03-02T23:00:00Z");
				assertThat(e.removedFromRoster()).isFalse();
			}
			case AttendanceRecorded e -> {
				assertThat(e.recordId()).isEqualTo("session-1/patient-1");
				assertThat(e.status()).isEqualTo(AttendanceStatus.LATE);
				assertThat(e.status().present()).isTrue();
				assertThat(e.minutesAttended()).isEqualTo(160);
				assertThat(e.sessionMinutes()).isEqualTo(180);
				assertThat(e.occurredAt()).isEqualTo("2026-03-02T23:00:00Z");
				assertThat(e.recordedAt()).isEqualTo("2026-03-03T02:05:00Z");
			}
			case AttendanceCorrected e -> {
				assertThat(e.previousStatus()).isEqualTo(AttendanceStatus.NO_SHOW);
				assertThat(e.status()).isEqualTo(AttendanceStatus.EXCUSED);
				assertThat(e.minutesAttended()).isZero();
				assertThat(e.revision()).isEqualTo(1);
				assertThat(e.correctedBy()).isEqualTo("clinician-7");
				assertThat(e.recordedAt()).isEqualTo("2026-03-04T02:05:00Z");
			}
			case CheckInSubmitted e -> {
				assertThat(e.checkInId()).isEqualTo("checkin-1");
				assertThat(e.mood()).isEqualTo(4);
				assertThat(e.craving()).isEqualTo(7);
				assertThat(e.stress()).isEqualTo(8);
				assertThat(e.usedSinceLastCheckIn()).isTrue();
				assertThat(e.substances()).containsExactly("alcohol");
				assertThat(e.sleepHours()).isEqualByComparingTo("5.5");
				assertThat(e.medicationTakenAsPrescribed()).isTrue();
				assertThat(e.labels()).containsExactly(SensitivityLabel.PART2);
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T13:30:00Z");
				assertThat(e.confidence()).isEqualTo(3);
				assertThat(e.highRiskSituation()).isTrue();
				assertThat(e.highRiskCategory()).isEqualTo(HighRiskCategory.CELEBRATION);
			}
			case AssessmentScored e -> {
				assertThat(e.instrument()).isEqualTo(Instrument.PHQ9);
				assertThat(e.items()).hasSize(9).containsEntry("9", 1);
				assertThat(e.items().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
				assertThat(e.total()).isEqualTo(16);
				assertThat(e.subscales()).isEmpty();
				assertThat(e.band()).isEqualTo("moderately severe");
				assertThat(e.analytes()).isEmpty();
				assertThat(e.safety()).isEqualTo(SafetyLevel.HIGH);
				assertThat(e.labels()).isEmpty();
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T15:00:00Z");
			}
			case PlanChanged e -> {
				assertThat(e.planId()).isEqualTo("plan-1");
				assertThat(e.version()).isEqualTo(2);
				assertThat(e.levelOfCare()).isEqualTo(new LevelOfCare("2.1", 3));
				assertThat(e.adolescent()).isFalse();
				assertThat(e.weeklyHours()).isEqualByComparingTo("12");
				assertThat(e.sessionsPerWeek()).isEqualTo(4);
				assertThat(e.careTeam()).containsExactly("clinician-7", "clinician-9");
				assertThat(e.mode()).isEqualTo(PlanMode.AUTOMATIC);
				assertThat(e.locked()).isFalse();
				assertThat(e.startDate()).isEqualTo(LocalDate.of(2026, 2, 9));
				assertThat(e.direction()).isEqualTo(ChangeDirection.STEP_UP);
				assertThat(e.phase()).isEqualTo(PlanPhase.IOP);
				assertThat(e.phaseSince()).isEqualTo(LocalDate.of(2026, 2, 9));
				assertThat(e.changedBy()).isEqualTo("system");
				assertThat(e.reasons()).singleElement().satisfies((reason) -> {
					assertThat(reason.code()).isEqualTo("S6");
					assertThat(reason.values()).containsExactly(Map.entry("uses14d", "2"));
				});
				assertThat(e.ruleSetVersion()).isEqualTo("rules-1");
			}
			case RecommendationMade e -> {
				assertThat(e.recommendationId()).isEqualTo("rec-1");
				assertThat(e.kind()).isEqualTo(RecommendationKind.STEP_DOWN);
				assertThat(e.fromLevel()).isEqualTo(new LevelOfCare("2.1", 3));
				assertThat(e.toLevel()).isEqualTo(new LevelOfCare("1.0", 3));
				assertThat(e.reasons()).singleElement()
					.satisfies((reason) -> assertThat(reason.values()).containsEntry("attendance28d", "0.94"));
				assertThat(e.careTeam()).containsExactly("clinician-7");
			}
			case RecommendationDecided e -> {
				assertThat(e.recommendationId()).isEqualTo("rec-1");
				assertThat(e.planId()).isEqualTo("plan-1");
				assertThat(e.approved()).isTrue();
				// the sample is from before decisions had a name: read from approved
				assertThat(e.decision()).isEqualTo(RecommendationDecision.APPROVED);
				assertThat(e.reason()).isNull();
				assertThat(e.decidedBy()).isEqualTo("clinician-7");
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T03:05:00Z");
			}
			case ProgressAssessed e -> {
				assertThat(e.revision()).isEqualTo(12L);
				assertThat(e.riskLevel()).isEqualTo(RiskLevel.HIGH);
				assertThat(e.stepDownReady()).isFalse();
				assertThat(e.signals()).extracting(SignalFired::id).containsExactly("S6", "S7");
				assertThat(e.signals().get(0).severity()).isEqualTo(Severity.MEDIUM);
				assertThat(e.signals().get(0).values()).containsEntry("uses14d", "1");
				assertThat(e.signals().get(1).since()).isEqualTo("2026-03-01T13:30:00Z");
				assertThat(e.signals()).allSatisfy((signal) -> assertThat(signal.since()).isBefore(e.assessedAt()));
				assertThat(e.careTeam()).containsExactly("clinician-7");
				assertThat(e.sourceEventIds()).containsExactly("event-1", "event-2");
				assertThat(e.assessedAt()).isEqualTo("2026-03-03T02:05:00Z");
				assertThat(e.lapseRisk().percent()).isEqualTo(41);
				assertThat(e.lapseRisk().level()).isEqualTo(LapseRiskLevel.ELEVATED);
				assertThat(e.lapseRisk().modelVersion()).isEqualTo("lapse-risk-1");
				assertThat(e.lapseRisk().drivers()).singleElement()
					.satisfies(
							(driver) -> assertThat(driver.evidence()).isEqualTo("craving up from 2 to 6 over 5 days"));
			}
			case AlertRaised e -> {
				assertThat(e.alertId()).isEqualTo("alert-1");
				assertThat(e.kind()).isEqualTo("RELAPSE_RISK");
				assertThat(e.severity()).isEqualTo(Severity.HIGH);
				assertThat(e.values()).containsExactly(Map.entry("risk", "HIGH"));
				assertThat(e.careTeam()).containsExactly("clinician-7");
				assertThat(e.sourceEventIds()).containsExactly("event-2");
			}
			case AlertChanged e -> {
				assertThat(e.change()).isEqualTo("ACKNOWLEDGED");
				assertThat(e.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
				assertThat(e.status().active()).isTrue();
				assertThat(e.by()).isEqualTo("clinician-7");
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T02:15:00Z");
			}
			case ProgramUpdated e -> {
				assertThat(e.programId()).isEqualTo("program-a");
				assertThat(e.name()).isEqualTo("Evening IOP");
				assertThat(e.type()).isEqualTo(ProgramType.DUAL_DIAGNOSIS);
				assertThat(ZoneId.of(e.timeZone())).isEqualTo(ZoneId.of("America/Chicago"));
				assertThat(e.population()).isEqualTo("ADULT");
				assertThat(e.thresholdOverrides()).containsExactly(Map.entry("s3.phq9Rise", "5"));
				assertThat(e.onCallClinicianId()).isEqualTo("clinician-9");
				assertThat(e.webhookTargets()).containsExactly("https://ehr.example/hooks/stepwise");
				assertThat(e.version()).isEqualTo(3L);
				assertThat(e.types()).containsExactly(ProgramType.DUAL_DIAGNOSIS, ProgramType.ADOLESCENT);
			}
			case AuditRecorded e -> {
				assertThat(e.auditId()).isEqualTo("audit-1");
				assertThat(e.service()).isEqualTo("assessment-service");
				assertThat(e.actor()).isEqualTo("clinician-a1");
				assertThat(e.roles()).containsExactly("clinician");
				assertThat(e.clinicianId()).isEqualTo("clinician-a1");
				assertThat(e.action()).isEqualTo("assessment.read");
				assertThat(e.patientId()).isEqualTo("patient-1");
				assertThat(e.programId()).isEqualTo("program-a");
				assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOWED);
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T02:05:00Z");
				assertThat(e.chainSequence()).isEqualTo(42L);
				assertThat(e.chainHash()).hasSize(64).startsWith("93af56c4");
			}
			case VitalsRecorded e -> {
				assertThat(e.measurementId()).isEqualTo("vitals-1");
				assertThat(e.timeOfDay()).isEqualTo(TimeOfDay.DAY);
				assertThat(e.weightKg()).isEqualByComparingTo("41.2");
				assertThat(e.heightCm()).isEqualByComparingTo("162.0");
				assertThat(e.heartRatePerMin()).isEqualTo(48);
				assertThat(e.systolicMmHg()).isEqualTo(88);
				assertThat(e.diastolicMmHg()).isEqualTo(50);
				assertThat(e.temperatureC()).isEqualByComparingTo("35.9");
				assertThat(e.orthostatic()).isEqualTo(new VitalsRecorded.Orthostatic(52, 90, 96, 84, 58, 54));
				assertThat(e.ageMonths()).isEqualTo(190);
				assertThat(e.bmi()).isEqualByComparingTo("15.7");
				assertThat(e.medianBmiPercent()).isEqualByComparingTo("77.2");
				assertThat(e.implausible()).isEmpty();
				assertThat(e.occurredAt()).isEqualTo("2026-03-03T15:30:00Z");
			}
			default -> fail("no expectations for %s", type);
		}
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void unknownFieldsAreIgnored(EventType type) {
		ObjectNode event = (ObjectNode) this.json.readTree(golden(type));
		event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		((ObjectNode) event.get("data")).put("addedLater", "anything").putObject("nested").put("deep", true);

		assertThat(this.codec.decode(this.json.writeValueAsBytes(event))).isEqualTo(Samples.of(type));
	}

	/**
	 * Samples written before the early-warning fields existed (issue 17) and before
	 * programs declared their types (issue 22) or plans their phase: they stay valid and
	 * read as "not answered", so topics written by older producers replay.
	 */
	@ParameterizedTest
	@EnumSource(value = EventType.class,
			names = { "CHECK_IN_SUBMITTED", "PROGRESS_ASSESSED", "PROGRAM_UPDATED", "PLAN_CHANGED" })
	void samplesFromBeforeTheEarlyWarningStillDecode(EventType type) {
		byte[] older = ContractFiles.read(ContractFiles.GOLDEN_OLDER.resolve(type.type() + ".json"))
			.getBytes(StandardCharsets.UTF_8);

		StepwiseEvent data = this.codec.decode(older).data();

		switch (data) {
			case CheckInSubmitted e -> {
				assertThat(e.craving()).isEqualTo(7);
				assertThat(e.confidence()).isNull();
				assertThat(e.highRiskSituation()).isNull();
				assertThat(e.highRiskCategory()).isNull();
			}
			case ProgressAssessed e -> {
				assertThat(e.riskLevel()).isEqualTo(RiskLevel.HIGH);
				assertThat(e.lapseRisk()).isNull();
			}
			case ProgramUpdated e -> {
				assertThat(e.type()).isEqualTo(ProgramType.DUAL_DIAGNOSIS);
				assertThat(e.types()).isNull();
			}
			case PlanChanged e -> {
				// from before plans had phases (issue 22, item 4): in treatment
				assertThat(e.phase()).isEqualTo(PlanPhase.IOP);
				assertThat(e.phaseSince()).isNull();
			}
			default -> fail("no expectations for %s", type);
		}
	}

	/** Audit records from before the audit chain (issue 21) read as outside any chain. */
	@org.junit.jupiter.api.Test
	void auditSamplesFromBeforeTheChainStillDecode() {
		byte[] older = ContractFiles.read(ContractFiles.GOLDEN_OLDER.resolve("stepwise.audit.recorded.v1.json"))
			.getBytes(StandardCharsets.UTF_8);

		AuditRecorded data = (AuditRecorded) this.codec.decode(older).data();

		assertThat(data.auditId()).isEqualTo("audit-1");
		assertThat(data.chainSequence()).isNull();
		assertThat(data.chainHash()).isNull();
	}

	/**
	 * A recommendation plan-service closed by itself (issue 18) says so, with why; it
	 * encodes and decodes like any other, and validates against the schema.
	 */
	@org.junit.jupiter.api.Test
	void aWithdrawnRecommendationCarriesItsDecisionAndReason() {
		RecommendationDecided withdrawn = new RecommendationDecided("rec-1", "plan-1", "program-a", "patient-1", false,
				"stepwise", Instant.parse("2026-03-03T03:05:00Z"), RecommendationDecision.WITHDRAWN,
				"superseded by STEP_DOWN to 1.0");

		StepwiseEvent decoded = this.codec
			.decode(this.codec.encode(EventEnvelope.of("/stepwise/sample", withdrawn, withdrawn.occurredAt())))
			.data();

		assertThat(decoded).isEqualTo(withdrawn);
		assertThat(((RecommendationDecided) decoded).decision()).isEqualTo(RecommendationDecision.WITHDRAWN);
	}

	private static byte[] golden(EventType type) {
		return ContractFiles.read(ContractFiles.golden(type)).getBytes(StandardCharsets.UTF_8);
	}

}
