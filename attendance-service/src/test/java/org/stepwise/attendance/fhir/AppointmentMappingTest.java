package org.stepwise.attendance.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;

import org.stepwise.attendance.session.ScheduleSessionRequest;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An Appointment as the JSON API's session request, and what cannot be taken, named. */
class AppointmentMappingTest {

	static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

	static String appointment(String status, String times, String serviceType, String participants, String extension) {
		return """
				{"resourceType":"Appointment","status":"%s",%s
				 "serviceType":[%s],"participant":[%s]%s}""".formatted(status, times, serviceType, participants,
				extension);
	}

	static final String TIMES = "\"start\":\"2026-03-02T18:00:00Z\",\"end\":\"2026-03-02T21:00:00Z\",";

	static final String KINDS = """
			{"coding":[{"system":"%s","code":"GROUP"}]},{"coding":[{"system":"%s","code":"CBT"}]}"""
		.formatted(AttendanceCodes.SESSION_TYPE, AttendanceCodes.MODALITY);

	static final String PEOPLE = """
			{"actor":{"reference":"Patient/patient-1"},"status":"accepted"},
			{"actor":{"reference":"Practitioner/clinician-1"},"status":"accepted"},
			{"actor":{"reference":"Patient/patient-2"},"status":"needs-action"}""";

	static final String PROGRAM = ",\"extension\":[{\"url\":\"%s\",\"valueString\":\"program-b\"}]"
		.formatted(AttendanceCodes.PROGRAM_EXTENSION);

	static Appointment parse(String json) {
		return (Appointment) FhirJson.parse(json, "Appointment");
	}

	@Test
	void aBookedAppointmentIsASessionOfItsProgramWithItsRoster() {
		AppointmentMapping.Mapped mapped = AppointmentMapping
			.map(parse(appointment("booked", TIMES, KINDS, PEOPLE, PROGRAM)), "Appointment", Optional.of("program-a"));

		assertThat(mapped.request()).isEqualTo(new ScheduleSessionRequest("program-b", SessionType.GROUP, Modality.CBT,
				START, START.plusSeconds(3 * 3600), "clinician-1", List.of("patient-1", "patient-2")));
		assertThat(mapped.expressionOf("roster[1]")).isEqualTo("Appointment.participant[2].actor.reference");
		assertThat(mapped.expressionOf("facilitatorId")).isEqualTo("Appointment.participant[1].actor.reference");
	}

	@Test
	void theEndMayBeAMinutesDurationAndTheProgramTheTokensOnly() {
		String times = "\"start\":\"2026-03-02T18:00:00Z\",\"minutesDuration\":50,";
		ScheduleSessionRequest request = AppointmentMapping
			.map(parse(appointment("booked", times, KINDS, PEOPLE, "")), "Appointment", Optional.of("program-a"))
			.request();

		assertThat(request.endsAt()).isEqualTo(START.plusSeconds(50 * 60));
		assertThat(request.programId()).isEqualTo("program-a");
	}

	@Test
	void cancelledIsAnUpdatesStatusOnly() {
		Appointment cancelled = parse(appointment("cancelled", TIMES, KINDS, PEOPLE, PROGRAM));

		assertThat(AppointmentMapping.mapUpdate(cancelled, "Appointment", Optional.empty()).cancelled()).isTrue();
		assertThat(catchThrowableOfType(FhirRejection.class,
				() -> AppointmentMapping.map(cancelled, "Appointment", Optional.empty()))
			.issues()).extracting(FhirIssue::expression).containsExactly("Appointment.status");
	}

	@Test
	void everythingThatCannotBeTakenIsNamedAtOnce() {
		String times = "\"start\":\"2026-03-02T18:00:00Z\",\"end\":\"2026-03-02T21:00:00Z\",\"minutesDuration\":50,";
		String kinds = "{\"coding\":[{\"system\":\"%s\",\"code\":\"YOGA\"}]}".formatted(AttendanceCodes.SESSION_TYPE);
		String people = """
				{"actor":{"reference":"Patient/patient-1"},"status":"declined"},
				{"actor":{"reference":"Device/d-1"},"status":"accepted"}""";

		FhirRejection rejection = catchThrowableOfType(FhirRejection.class,
				() -> AppointmentMapping.map(parse(appointment("proposed", times, kinds, people, "")),
						"Bundle.entry[2].resource", Optional.empty()));

		assertThat(rejection.status().value()).isEqualTo(422);
		assertThat(rejection.issues()).extracting(FhirIssue::expression)
			.containsExactly("Bundle.entry[2].resource.status",
					"Bundle.entry[2].resource.extension('" + AttendanceCodes.PROGRAM_EXTENSION + "')",
					"Bundle.entry[2].resource.serviceType[0].coding[0].code", "Bundle.entry[2].resource.serviceType",
					"Bundle.entry[2].resource.minutesDuration", "Bundle.entry[2].resource.participant[0].status",
					"Bundle.entry[2].resource.participant[1].actor.reference", "Bundle.entry[2].resource.participant");
		assertThat(rejection.issues()).extracting(FhirIssue::message).noneMatch((m) -> m.contains("patient-1"));
	}

}
