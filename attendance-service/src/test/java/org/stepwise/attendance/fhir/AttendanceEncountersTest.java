package org.stepwise.attendance.fhir;

import java.time.Instant;
import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.stepwise.attendance.record.AttendanceRecord;
import org.stepwise.attendance.record.AttendanceRecord.Correction;
import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.R4Validation;
import org.stepwise.fhir.SecurityLabels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attendance as Encounters: one for every status, each valid R4, read back into the same
 * record; the id leads back to the session and names no patient.
 */
class AttendanceEncountersTest {

	static final String SESSION = "6f1c1f0e-8a52-4c1e-9d7e-0f1f2c3d4e5f";

	static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

	static final Instant RECORDED = Instant.parse("2026-03-02T21:30:00Z");

	static AttendanceRecord record(AttendanceStatus status, int minutes, List<Correction> corrections) {
		return new AttendanceRecord(AttendanceRecord.idOf(SESSION, "patient-1"), SESSION, "program-a", "patient-1",
				SessionType.GROUP, status, minutes, 180, START, RECORDED, corrections.size(), corrections, null, null);
	}

	@ParameterizedTest
	@EnumSource(AttendanceStatus.class)
	void everyAttendanceStatusIsAValidEncounterThatMapsBackToIt(AttendanceStatus status) {
		int minutes = status.present() ? 150 : 0;
		Encounter encounter = AttendanceEncounters.of(record(status, minutes, List.of()), true);

		assertThat(R4Validation.errors(encounter)).isEmpty();
		assertThat(encounter.getStatus())
			.isEqualTo(status.present() ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.CANCELLED);
		assertThat(((Coding) encounter.getExtensionByUrl(AttendanceCodes.ATTENDANCE_EXTENSION).getValue()).getCode())
			.isEqualTo(status.name());
		assertThat(encounter.getLength().getValue().intValue()).isEqualTo(minutes);
		assertThat(encounter.getPeriod().getEnd().toInstant()).isEqualTo(START.plusSeconds(180 * 60));
		assertThat(SecurityLabels.isPart2(encounter.getMeta())).isTrue();

		Encounter readBack = (Encounter) FhirJson.parse(FhirJson.encode(encounter), "Encounter");
		EncounterMapping.Mapped mapped = EncounterMapping.map(readBack, "Encounter");
		assertThat(mapped.sessionId()).isEqualTo(SESSION);
		assertThat(mapped.entry().patientId()).isEqualTo("patient-1");
		assertThat(mapped.entry().status()).isEqualTo(status);
		assertThat(mapped.entry().minutes()).isEqualTo(minutes);
	}

	@Test
	void theEncounterIdLeadsBackToTheSessionAndNamesNoPatient() {
		String id = AttendanceEncounters.idOf(SESSION, "patient-1");

		assertThat(id).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9\\-.]{1,64}").doesNotContain("patient");
		assertThat(id).isNotEqualTo(AttendanceEncounters.idOf(SESSION, "patient-2"));
		assertThat(AttendanceEncounters.sessionOf(id)).contains(SESSION);
		assertThat(AttendanceEncounters.sessionOf("patient-1")).isEmpty();
		assertThat(AttendanceEncounters.sessionOf(SESSION + ".zz")).isEmpty();
	}

	@Test
	void aCorrectedRecordIsLastUpdatedWhenCorrected() {
		Instant correctedAt = RECORDED.plusSeconds(86_400);
		Encounter encounter = AttendanceEncounters.of(
				record(AttendanceStatus.EXCUSED, 0, List.of(new Correction(AttendanceStatus.NO_SHOW, 0,
						AttendanceStatus.EXCUSED, 0, "admin-a", CorrectionReason.EXCUSE_RECEIVED, correctedAt, null))),
				false);

		assertThat(R4Validation.errors(encounter)).isEmpty();
		assertThat(encounter.getMeta().getLastUpdated().toInstant()).isEqualTo(correctedAt);
		assertThat(SecurityLabels.isPart2(encounter.getMeta())).as("a program that does not treat substance use")
			.isFalse();
	}

}
