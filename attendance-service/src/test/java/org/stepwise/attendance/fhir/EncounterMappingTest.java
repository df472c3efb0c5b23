package org.stepwise.attendance.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An Encounter as the JSON API's attendance record, and what cannot be taken, named. */
class EncounterMappingTest {

	static final String SESSION = "6f1c1f0e-8a52-4c1e-9d7e-0f1f2c3d4e5f";

	static String encounter(String status, String rest) {
		return """
				{"resourceType":"Encounter","status":"%s","class":{"code":"AMB"},
				 "subject":{"reference":"Patient/patient-1"},"appointment":[{"reference":"Appointment/%s"}]%s}"""
			.formatted(status, SESSION, rest);
	}

	static String attendance(String code) {
		return ",\"extension\":[{\"url\":\"%s\",\"valueCoding\":{\"system\":\"%s\",\"code\":\"%s\"}}]"
			.formatted(AttendanceCodes.ATTENDANCE_EXTENSION, AttendanceCodes.ATTENDANCE_STATUS, code);
	}

	static EncounterMapping.Mapped map(String json) {
		return EncounterMapping.map((Encounter) FhirJson.parse(json, "Encounter"), "Encounter");
	}

	@Test
	void finishedIsAttendedWithTheMinutesOfItsLengthOrPeriod() {
		EncounterMapping.Mapped inHours = map(encounter("finished",
				",\"length\":{\"value\":2.5,\"system\":\"http://unitsofmeasure.org\",\"code\":\"h\"}"));
		EncounterMapping.Mapped byPeriod = map(encounter("finished",
				",\"period\":{\"start\":\"2026-03-02T18:20:00Z\",\"end\":\"2026-03-02T21:00:00Z\"}"
						+ attendance("LATE")));

		assertThat(inHours.sessionId()).isEqualTo(SESSION);
		assertThat(inHours.entry().patientId()).isEqualTo("patient-1");
		assertThat(inHours.entry().status()).isEqualTo(AttendanceStatus.ATTENDED);
		assertThat(inHours.entry().minutes()).isEqualTo(150);
		assertThat(byPeriod.entry().status()).isEqualTo(AttendanceStatus.LATE);
		assertThat(byPeriod.entry().minutes()).isEqualTo(160);
		assertThat(byPeriod.expressionOf("minutesAttended")).isEqualTo("Encounter.period");
	}

	@Test
	void cancelledSaysWhichAbsenceAndAnAbsentPatientsPeriodIsNotTime() {
		EncounterMapping.Mapped noShow = map(encounter("cancelled",
				",\"period\":{\"start\":\"2026-03-02T18:00:00Z\",\"end\":\"2026-03-02T21:00:00Z\"}"
						+ attendance("NO_SHOW")));

		assertThat(noShow.entry().status()).isEqualTo(AttendanceStatus.NO_SHOW);
		assertThat(noShow.entry().minutes()).isZero();
	}

	@Test
	void aCorrectionSaysWhyWhenItChangesSomething() {
		Encounter plain = (Encounter) FhirJson.parse(encounter("finished", ""), "Encounter");
		Encounter excused = (Encounter) FhirJson
			.parse(encounter("finished",
					",\"extension\":[{\"url\":\"%s\",\"valueCoding\":{\"system\":\"%s\",\"code\":\"EXCUSE_RECEIVED\"}}]"
						.formatted(AttendanceCodes.CORRECTION_EXTENSION, AttendanceCodes.CORRECTION_REASON)),
					"Encounter");
		List<FhirIssue> issues = new ArrayList<>();

		assertThat(EncounterMapping.correctionReason(plain, false, issues)).isNull();
		assertThat(issues).isEmpty();
		assertThat(EncounterMapping.correctionReason(excused, true, issues))
			.isEqualTo(CorrectionReason.EXCUSE_RECEIVED);
		assertThat(EncounterMapping.correctionReason(plain, true, issues)).isNull();
		assertThat(issues).extracting(FhirIssue::expression)
			.containsExactly("Encounter.extension('" + AttendanceCodes.CORRECTION_EXTENSION + "')");
	}

	@Test
	void whatCannotBeTakenIsNamed() {
		FhirRejection noAbsence = catchThrowableOfType(FhirRejection.class, () -> map(encounter("cancelled", "")));
		FhirRejection contradiction = catchThrowableOfType(FhirRejection.class,
				() -> map(encounter("cancelled", attendance("ATTENDED"))));
		FhirRejection planned = catchThrowableOfType(FhirRejection.class, () -> map(encounter("planned",
				",\"length\":{\"value\":-5,\"system\":\"http://unitsofmeasure.org\",\"code\":\"min\"}")));
		FhirRejection unreferenced = catchThrowableOfType(FhirRejection.class, () -> map(
				encounter("finished", "").replace("Appointment/" + SESSION, "Slot/1").replace("Patient/", "Group/")));

		assertThat(noAbsence.issues()).extracting(FhirIssue::expression)
			.containsExactly("Encounter.extension('" + AttendanceCodes.ATTENDANCE_EXTENSION + "')");
		assertThat(contradiction.issues()).extracting(FhirIssue::expression).containsExactly("Encounter.status");
		assertThat(planned.issues()).extracting(FhirIssue::expression)
			.containsExactly("Encounter.status", "Encounter.length");
		assertThat(unreferenced.issues()).extracting(FhirIssue::expression)
			.containsExactly("Encounter.appointment[0].reference", "Encounter.subject.reference");
	}

}
