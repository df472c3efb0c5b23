package org.stepwise.attendance.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.attendance.session.SessionRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.R4Validation;
import org.stepwise.testsupport.CapturedLogs;
import org.stepwise.testsupport.CareTeamEvents;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * attendance-service's FHIR R4 interface on the real broker and store: Appointments and
 * Encounters go through the JSON API's services (the same stored session or record, the
 * same events, once when retried); what cannot be taken is an OperationOutcome naming the
 * element with nothing stored; a transaction is all or nothing; what is read back
 * validates against R4, pages and filters by _lastUpdated, is audited, and follows the
 * JSON API's access rules (401, 403, 404). Patient A1's care team is clinician-a1, A2's
 * clinician-a2; B is in program-b.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendanceFhirApiTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String A1 = "patient-fa1-" + RUN;

	static final String A2 = "patient-fa2-" + RUN;

	static final String B = "patient-fb-" + RUN;

	static final String NONE = "";

	static final String INGEST_A = TestTokens.ingest("program-a");

	static final String INGEST_B = TestTokens.ingest("program-b");

	// staff reading through FHIR with the Part 2 scope: what leaves is Part 2 data
	static final String CLINICIAN_A1 = part2("clinician-a1", "clinician", "program-a");

	static final String CLINICIAN_A2 = part2("clinician-a2", "clinician", "program-a");

	static final String CLINICIAN_B1 = part2("clinician-b1", "clinician", "program-b");

	static final String ADMIN_A = part2("admin-program-a", "program-admin", "program-a");

	static final String ADMIN_B = part2("admin-program-b", "program-admin", "program-b");

	static final String ADMIN_A_WITHOUT_PART2 = TestTokens.programAdmin("program-a");

	static final String CLINICIAN_A1_WITHOUT_PART2 = TestTokens.clinician("clinician-a1", "program-a");

	static final String PATIENT_A1 = TestTokens.patient(A1, "program-a");

	/** Sessions of the fixtures start five hours ago and last three. */
	static final Instant STARTED = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AttendanceRepository records;

	@Autowired
	SessionRepository sessions;

	String sessionA;

	String sessionB;

	String encounterA1;

	@BeforeAll
	void data() throws Exception {
		this.sessionA = created(
				send("POST", "/fhir/r4/Appointment", INGEST_A, appointment("program-a", STARTED, 180, A1, A2), null))
			.get("id")
			.asString();
		this.sessionB = created(
				send("POST", "/fhir/r4/Appointment", INGEST_B, appointment("program-b", STARTED, 180, B), null))
			.get("id")
			.asString();
		this.encounterA1 = created(
				send("POST", "/fhir/r4/Encounter", INGEST_A, encounter(this.sessionA, A1, "finished", null, 170), null))
			.get("id")
			.asString();
		created(send("POST", "/fhir/r4/Encounter", INGEST_A, encounter(this.sessionA, A2, "cancelled", "NO_SHOW", 0),
				null));
		created(send("POST", "/fhir/r4/Encounter", INGEST_B, encounter(this.sessionB, B, "finished", null, 180), null));
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A1, 1, "clinician-a1"));
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A2, 1, "clinician-a2"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> total("/fhir/r4/Encounter?patient=" + A1, CLINICIAN_A2) == 0
					&& total("/fhir/r4/Encounter?patient=" + A2, CLINICIAN_A1) == 0);
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		String appointmentA = "/fhir/r4/Appointment/" + this.sessionA;
		rows.add(row("GET", appointmentA, null, "no token", NONE, 401));
		rows.add(row("GET", appointmentA, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", appointmentA, null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", appointmentA, null, "clinician, own program (roster: whole group)", CLINICIAN_A2, 200));
		rows.add(row("GET", appointmentA, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", appointmentA, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", appointmentA, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/fhir/r4/Appointment/no-such-session", null, "program admin", ADMIN_A, 404));
		rows.add(row("GET", appointmentA, null, "program admin, own program, without the Part 2 scope",
				ADMIN_A_WITHOUT_PART2, 404));
		String encounterA1 = "/fhir/r4/Encounter/" + this.encounterA1;
		rows.add(row("GET", encounterA1, null, "no token", NONE, 401));
		rows.add(row("GET", encounterA1, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", encounterA1, null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", encounterA1, null, "clinician, own care team", CLINICIAN_A1, 200));
		rows.add(row("GET", encounterA1, null, "clinician, other care team", CLINICIAN_A2, 404));
		rows.add(row("GET", encounterA1, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", encounterA1, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", encounterA1, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", encounterA1, null, "clinician, own care team, without the Part 2 scope",
				CLINICIAN_A1_WITHOUT_PART2, 404));
		rows.add(row("GET", "/fhir/r4/Encounter/" + this.sessionA + ".000000000000000000000000", null,
				"program admin, no such record", ADMIN_A, 404));
		for (String search : List.of("/fhir/r4/Appointment?patient=" + A1, "/fhir/r4/Encounter?patient=" + A1)) {
			rows.add(row("GET", search, null, "no token", NONE, 401));
			rows.add(row("GET", search, null, "ingest", INGEST_A, 403));
			rows.add(row("GET", search, null, "the patient", PATIENT_A1, 403));
			rows.add(row("GET", search, null, "clinician, own care team", CLINICIAN_A1, 200));
			// a patient the caller may not see: an empty Bundle, as for one without
			// records
			rows.add(row("GET", search, null, "clinician, other care team", CLINICIAN_A2, 200));
			rows.add(row("GET", search, null, "program admin, other program", ADMIN_B, 200));
			// Part 2 data is left out without the scope
			rows.add(row("GET", search, null, "clinician, own care team, without the Part 2 scope",
					CLINICIAN_A1_WITHOUT_PART2, 200));
		}
		String newSession = appointment("program-a", STARTED.plus(2, ChronoUnit.DAYS), 60, "patient-fnew-" + RUN);
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "no token", NONE, 401));
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "program admin", ADMIN_A, 403));
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "patient", PATIENT_A1, 403));
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", "/fhir/r4/Appointment", newSession, "ingest, own program", INGEST_A, 201));
		String attendanceB = encounter(this.sessionB, B, "finished", null, 60);
		rows.add(row("POST", "/fhir/r4/Encounter", attendanceB, "no token", NONE, 401));
		rows.add(row("POST", "/fhir/r4/Encounter", attendanceB, "clinician", CLINICIAN_B1, 403));
		rows.add(row("POST", "/fhir/r4/Encounter", attendanceB, "ingest, other program", INGEST_A, 404));
		String bundle = transaction(attendanceB);
		rows.add(row("POST", "/fhir/r4", bundle, "no token", NONE, 401));
		rows.add(row("POST", "/fhir/r4", bundle, "program admin", ADMIN_B, 403));
		rows.add(row("POST", "/fhir/r4", bundle, "ingest, other program", INGEST_A, 404));
		String sameSession = appointment("program-a", STARTED, 180, A1, A2);
		rows.add(row("PUT", appointmentA, sameSession, "no token", NONE, 401));
		rows.add(row("PUT", appointmentA, sameSession, "clinician", CLINICIAN_A1, 403));
		rows.add(row("PUT", appointmentA, sameSession, "program admin", ADMIN_A, 403));
		rows.add(row("PUT", appointmentA, sameSession, "ingest, other program", INGEST_B, 404));
		rows.add(row("PUT", appointmentA, sameSession, "ingest, own program (no change)", INGEST_A, 200));
		String sameAttendance = encounter(this.sessionA, A1, "finished", null, 170);
		rows.add(row("PUT", encounterA1, sameAttendance, "no token", NONE, 401));
		rows.add(row("PUT", encounterA1, sameAttendance, "clinician", CLINICIAN_A1, 403));
		rows.add(row("PUT", encounterA1, sameAttendance, "patient", PATIENT_A1, 403));
		rows.add(row("PUT", encounterA1, sameAttendance, "program admin, other program", ADMIN_B, 404));
		rows.add(row("PUT", encounterA1, sameAttendance, "ingest, other program", INGEST_B, 404));
		rows.add(row("PUT", encounterA1, sameAttendance, "program admin, own program (no change)", ADMIN_A, 200));
		rows.add(row("GET", "/fhir/r4/metadata", null, "no token", NONE, 200));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {3}: {5}")
	@MethodSource("matrix")
	void eachFhirEndpointAnswersEachCallerAsTheJsonApi(String method, String path, String body, String who,
			String token, int expected) throws Exception {
		HttpResponse<String> response = send(method, path, token, body, null);

		assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, who, response.body()).isEqualTo(expected);
		// the security chain answers 401 and 403 as for the JSON API; the FHIR code, 404
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (expected == 401 || expected == 403) {
			assertThat(contentType).isEqualTo("application/problem+json");
		}
		else {
			assertThat(contentType).startsWith("application/fhir+json");
		}
		if (expected == 404) {
			assertThat(JSON.readTree(response.body()).get("resourceType").asString()).isEqualTo("OperationOutcome");
		}
		if (expected >= 400) {
			assertThat(response.body()).doesNotContain(A1, A2, B);
		}
		if (expected == 200 && path.contains("?patient=")
				&& (!who.contains("own care team") || who.contains("without the Part 2 scope"))) {
			assertThat(JSON.readTree(response.body()).get("total").asInt()).as(who).isZero();
		}
	}

	/**
	 * The same session through FHIR and through the JSON API: the same events, and a
	 * retry of the FHIR one with its key stores and publishes nothing more.
	 */
	@Test
	void anAppointmentIsScheduledExactlyAsThroughTheJsonApiAndOnceWhenRetried() throws Exception {
		String viaFhir = "patient-fhir-" + System.nanoTime();
		String viaJson = "patient-json-" + System.nanoTime();
		Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			HttpResponse<String> first = send("POST", "/fhir/r4/Appointment", INGEST_A,
					appointment("program-a", start, 180, viaFhir), "key-" + viaFhir);
			HttpResponse<String> retry = send("POST", "/fhir/r4/Appointment", INGEST_A,
					appointment("program-a", start, 180, viaFhir), "key-" + viaFhir);
			HttpResponse<String> json = sendJson("/api/v1/sessions", INGEST_A, """
					{"programId":"program-a","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
					 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(start, start.plus(3, ChronoUnit.HOURS),
					viaJson));

			JsonNode created = created(first);
			assertThat(first.headers().firstValue("Location"))
				.hasValue("/fhir/r4/Appointment/" + created.get("id").asString());
			assertThat(created(retry).get("id")).isEqualTo(created.get("id"));
			assertThat(json.statusCode()).isEqualTo(201);
			assertThat(R4Validation.errors(resource(first.body()))).isEmpty();
			SessionScheduled fromFhir = (SessionScheduled) probe.awaitEvents(viaFhir, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			SessionScheduled fromJson = (SessionScheduled) probe.awaitEvents(viaJson, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(fromFhir).usingRecursiveComparison()
				.ignoringFields("sessionId", "patientId", "recordedAt")
				.isEqualTo(fromJson);
			assertThat(fromFhir.sessionId()).isEqualTo(created.get("id").asString());
			assertThat(probe.quietFor(viaFhir, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.sessions.findByRosterMember(viaFhir)).hasSize(1);
		}
	}

	/**
	 * Attendance through FHIR and through the JSON API: the same record and event; sent
	 * again it is the same record and no new event, and a different status is a conflict
	 * (a correction's job).
	 */
	@Test
	void anEncounterIsTheJsonApisAttendanceRecordIdempotentPerSessionAndPatient() throws Exception {
		String viaFhir = "patient-fhir-" + System.nanoTime();
		String viaJson = "patient-json-" + System.nanoTime();
		String session = created(send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", STARTED, 180, viaFhir, viaJson), null))
			.get("id")
			.asString();
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			String late = encounter(session, viaFhir, "finished", "LATE", 150);
			HttpResponse<String> first = send("POST", "/fhir/r4/Encounter", INGEST_A, late, null);
			HttpResponse<String> again = send("POST", "/fhir/r4/Encounter", INGEST_A, late, null);
			HttpResponse<String> otherwise = send("POST", "/fhir/r4/Encounter", INGEST_A,
					encounter(session, viaFhir, "cancelled", "NO_SHOW", 0), null);
			HttpResponse<String> json = sendJson("/api/v1/sessions/" + session + "/attendance", INGEST_A,
					"{\"patientId\":\"%s\",\"status\":\"LATE\",\"minutesAttended\":150}".formatted(viaJson));

			JsonNode created = created(first);
			assertThat(created.get("id").asString()).isEqualTo(AttendanceEncounters.idOf(session, viaFhir));
			assertThat(created(again).get("id")).isEqualTo(created.get("id"));
			assertThat(otherwise.statusCode()).isEqualTo(409);
			assertThat(otherwise.body()).contains("OperationOutcome").doesNotContain(viaFhir);
			assertThat(json.statusCode()).isEqualTo(201);
			assertThat(R4Validation.errors(resource(first.body()))).isEmpty();
			AttendanceRecorded fromFhir = attendance(probe, viaFhir);
			AttendanceRecorded fromJson = attendance(probe, viaJson);
			assertThat(fromFhir).usingRecursiveComparison()
				.ignoringFields("recordId", "patientId", "recordedAt")
				.isEqualTo(fromJson);
			assertThat(fromFhir.status()).isEqualTo(AttendanceStatus.LATE);
			assertThat(fromFhir.minutesAttended()).isEqualTo(150);
			assertThat(recorded(probe, viaFhir, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(viaFhir)).singleElement()
				.satisfies((record) -> assertThat(record.status()).isEqualTo(AttendanceStatus.LATE));
		}
	}

	@Test
	void invalidResourcesAreOperationOutcomesNamingTheElementAndNothingIsStored() throws Exception {
		String patient = "patient-bad-" + System.nanoTime();
		String future = created(send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", Instant.now().plus(1, ChronoUnit.DAYS), 60, patient), null))
			.get("id")
			.asString();
		CapturedLogs logs = CapturedLogs.open();
		HttpResponse<String> unknownElement = send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", STARTED, 60, patient).replaceFirst("\"status\"",
						"\"mood\":\"" + patient + "\",\"status\""),
				null);
		HttpResponse<String> endBeforeStart = send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", STARTED, 60, patient).replace(
						"\"end\":\"" + STARTED.plus(60, ChronoUnit.MINUTES),
						"\"end\":\"" + STARTED.minus(60, ChronoUnit.MINUTES)),
				null);
		HttpResponse<String> badPatientId = send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", STARTED, 60, patient, "not an id!"), null);
		HttpResponse<String> beforeItStarts = send("POST", "/fhir/r4/Encounter", INGEST_A,
				encounter(future, patient, "finished", null, 30), null);
		HttpResponse<String> notOnRoster = send("POST", "/fhir/r4/Encounter", INGEST_A,
				encounter(this.sessionA, patient, "finished", null, 30), null);
		HttpResponse<String> tooLong = send("POST", "/fhir/r4/Encounter", INGEST_A,
				encounter(this.sessionA, A1, "finished", null, 200), null);
		HttpResponse<String> notAnEncounter = send("POST", "/fhir/r4/Encounter", INGEST_A,
				appointment("program-a", STARTED, 60, patient), null);

		assertThat(unknownElement.statusCode()).isEqualTo(400);
		assertThat(expressions(unknownElement)).containsExactly("Appointment.mood");
		assertThat(endBeforeStart.statusCode()).isEqualTo(422);
		assertThat(expressions(endBeforeStart)).containsExactly("Appointment.end");
		assertThat(badPatientId.statusCode()).isEqualTo(422);
		assertThat(expressions(badPatientId)).containsExactly("Appointment.participant[1].actor.reference");
		assertThat(beforeItStarts.statusCode()).isEqualTo(422);
		assertThat(expressions(beforeItStarts)).containsExactly("Encounter.appointment[0]");
		assertThat(notOnRoster.statusCode()).isEqualTo(422);
		assertThat(expressions(notOnRoster)).containsExactly("Encounter.subject.reference");
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(expressions(tooLong)).containsExactly("Encounter.length");
		assertThat(notAnEncounter.statusCode()).isEqualTo(422);
		assertThat(expressions(notAnEncounter)).containsExactly("Encounter");
		for (HttpResponse<String> response : List.of(unknownElement, endBeforeStart, badPatientId, beforeItStarts,
				notOnRoster, tooLong, notAnEncounter)) {
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
			assertThat(response.body()).contains("OperationOutcome").doesNotContain(patient);
		}
		assertThat(this.sessions.findByRosterMember(patient)).hasSize(1);
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(A1)).singleElement()
			.satisfies((record) -> assertThat(record.minutesAttended()).isEqualTo(170));
		logs.close();
		assertThat(logs.linesContaining(List.of(patient))).as("no log line names the patient").isEmpty();
	}

	/**
	 * A new session and a roster's attendance in one Bundle: with one bad entry nothing
	 * is stored (every bad entry named); then all of it, once even when retried.
	 */
	@Test
	void aTransactionIsStoredAllOrNothingAndOnceWhenRetried() throws Exception {
		String p1 = "patient-tx1-" + System.nanoTime();
		String p2 = p1 + "-b";
		String p3 = p1 + "-c";
		String later = "patient-tx-later-" + System.nanoTime();
		String session = created(send("POST", "/fhir/r4/Appointment", INGEST_A,
				appointment("program-a", STARTED, 180, p1, p2, p3), null))
			.get("id")
			.asString();
		String next = appointment("program-a", Instant.now().plus(7, ChronoUnit.DAYS), 180, later);
		List<String> good = List.of(next, encounter(session, p1, "finished", null, 180),
				encounter(session, p2, "finished", "LEFT_EARLY", 90),
				encounter(session, p3, "cancelled", "EXCUSED", 0));
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			HttpResponse<String> bad = send("POST", "/fhir/r4", INGEST_A, transaction(next, good.get(1),
					encounter(session, p2, "finished", null, 999), encounter(session, p3, "cancelled", null, 0)),
					"tx-" + p1);
			assertThat(bad.statusCode()).isEqualTo(422);
			assertThat(expressions(bad)).containsExactly("Bundle.entry[2].resource.length",
					"Bundle.entry[3].resource.extension('" + AttendanceCodes.ATTENDANCE_EXTENSION + "')");
			assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(p1)).isEmpty();
			assertThat(this.sessions.findByRosterMember(later)).isEmpty();

			HttpResponse<String> stored = send("POST", "/fhir/r4", INGEST_A, transaction(good.toArray(String[]::new)),
					"tx-" + p1);
			HttpResponse<String> retried = send("POST", "/fhir/r4", INGEST_A, transaction(good.toArray(String[]::new)),
					"tx-" + p1);

			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			JsonNode response = JSON.readTree(stored.body());
			assertThat(response.get("type").asString()).isEqualTo("transaction-response");
			assertThat(response.get("entry").findValuesAsString("status")).containsOnly("201 Created").hasSize(4);
			List<String> locations = response.get("entry").findValuesAsString("location");
			assertThat(locations.get(0)).startsWith("Appointment/");
			assertThat(locations.subList(1, 4)).containsExactly("Encounter/" + AttendanceEncounters.idOf(session, p1),
					"Encounter/" + AttendanceEncounters.idOf(session, p2),
					"Encounter/" + AttendanceEncounters.idOf(session, p3));
			assertThat(retried.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(retried.body()).get("entry").findValuesAsString("location")).isEqualTo(locations);
			assertThat(this.sessions.findByRosterMember(later)).hasSize(1);
			// (the roster's session was scheduled before the probe opened: its events may
			// still arrive, so attendance events are counted)
			for (String patient : List.of(p1, p2, p3)) {
				attendance(probe, patient);
				assertThat(recorded(probe, patient, Duration.ofSeconds(1))).as(patient).hasSize(1);
			}
			assertThat(probe.awaitEvents(later, 1, Duration.ofSeconds(20))).hasSize(1);
			assertThat(probe.quietFor(later, Duration.ofSeconds(1))).hasSize(1);
			assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(p2)).singleElement()
				.satisfies((record) -> assertThat(record.status()).isEqualTo(AttendanceStatus.LEFT_EARLY));
		}
	}

	/**
	 * A past session and who came, in one Bundle: the Encounters name the Appointment by
	 * its entry's fullUrl, and are recorded at the session it became; once when retried.
	 */
	@Test
	void aTransactionMayScheduleASessionAndRecordItsAttendanceTogether() throws Exception {
		String came = "patient-came-" + System.nanoTime();
		String stayedAway = came + "-away";
		String fullUrl = "urn:uuid:" + java.util.UUID.randomUUID();
		String session = appointment("program-a", STARTED, 180, came, stayedAway);
		String bundle = transaction(session, encounter("x", came, "finished", null, 180),
				encounter("x", stayedAway, "cancelled", "NO_SHOW", 0))
			.replace("Appointment/x", fullUrl)
			.replaceFirst("\\{\"resource\":", "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":");

		HttpResponse<String> stored = send("POST", "/fhir/r4", INGEST_A, bundle, "past-" + came);
		HttpResponse<String> retried = send("POST", "/fhir/r4", INGEST_A, bundle, "past-" + came);

		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		List<String> locations = JSON.readTree(stored.body()).get("entry").findValuesAsString("location");
		String id = locations.get(0).substring("Appointment/".length());
		assertThat(locations.subList(1, 3)).containsExactly("Encounter/" + AttendanceEncounters.idOf(id, came),
				"Encounter/" + AttendanceEncounters.idOf(id, stayedAway));
		assertThat(JSON.readTree(retried.body()).get("entry").findValuesAsString("location")).isEqualTo(locations);
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(stayedAway)).singleElement().satisfies((record) -> {
			assertThat(record.sessionId()).isEqualTo(id);
			assertThat(record.status()).isEqualTo(AttendanceStatus.NO_SHOW);
		});
		assertThat(this.sessions.findByRosterMember(came)).hasSize(1);
	}

	/**
	 * What is read back validates against R4, pages stably, filters by _lastUpdated, and
	 * every read (and refusal) is audited with the JSON API's actions.
	 */
	@Test
	void readsAndSearchesValidatePageFilterAndAreAudited() throws Exception {
		String patient = "patient-reads-" + System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int hoursAgo : List.of(30, 20, 10)) {
			String session = created(send("POST", "/fhir/r4/Appointment", INGEST_A, appointment("program-a",
					Instant.now().minus(hoursAgo, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), 60, patient),
					null))
				.get("id")
				.asString();
			ids.add(session);
			created(send("POST", "/fhir/r4/Encounter", INGEST_A, encounter(session, patient, "finished", null, 60),
					null));
		}
		Instant afterAll = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			JsonNode firstPage = search("/fhir/r4/Appointment?patient=Patient/" + patient + "&_count=2", ADMIN_A);
			JsonNode nextPage = search(firstPage.get("link").get(1).get("url").asString(), ADMIN_A);
			JsonNode encounters = search("/fhir/r4/Encounter?patient=" + patient, ADMIN_A);
			JsonNode updatedLater = search("/fhir/r4/Encounter?patient=" + patient + "&_lastUpdated=gt" + afterAll,
					ADMIN_A);
			JsonNode updatedBefore = search("/fhir/r4/Appointment?patient=" + patient + "&_lastUpdated=lt" + afterAll,
					ADMIN_A);
			String encounterId = encounters.get("entry").get(0).get("resource").get("id").asString();
			HttpResponse<String> read = send("GET", "/fhir/r4/Encounter/" + encounterId, ADMIN_A, null, null);
			HttpResponse<String> refused = send("GET", "/fhir/r4/Encounter/" + encounterId, ADMIN_B, null, null);
			JsonNode withoutPart2 = search("/fhir/r4/Encounter?patient=" + patient, ADMIN_A_WITHOUT_PART2);
			HttpResponse<String> readWithoutPart2 = send("GET", "/fhir/r4/Encounter/" + encounterId,
					ADMIN_A_WITHOUT_PART2, null, null);
			Instant beforeReads = Instant.now().minusSeconds(1);
			HttpResponse<String> appointment = send("GET", "/fhir/r4/Appointment/" + ids.get(0), ADMIN_A, null, null);
			HttpResponse<String> otherProgram = send("GET", "/fhir/r4/Appointment/" + ids.get(0), CLINICIAN_B1, null,
					null);

			assertThat(firstPage.get("total").asInt()).isEqualTo(3);
			assertThat(firstPage.get("link").get(1).get("relation").asString()).isEqualTo("next");
			assertThat(Stream.concat(ids(firstPage).stream(), ids(nextPage).stream())).containsExactlyElementsOf(ids);
			assertThat(encounters.get("total").asInt()).isEqualTo(3);
			assertThat(updatedLater.get("total").asInt()).isZero();
			assertThat(updatedBefore.get("total").asInt()).isEqualTo(3);
			for (JsonNode bundle : List.of(firstPage, nextPage, encounters)) {
				for (JsonNode entry : bundle.get("entry")) {
					assertThat(R4Validation.errors(resource(entry.get("resource").toString()))).isEmpty();
				}
			}
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(R4Validation.errors(resource(read.body()))).isEmpty();
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(withoutPart2.get("total").asInt()).isZero();
			assertThat(readWithoutPart2.statusCode()).isEqualTo(404);
			assertThat(encounters.get("entry")
				.get(0)
				.get("resource")
				.get("meta")
				.get("security")
				.findValuesAsString("code")).containsExactly("42CFRPart2", "R");
			assertThat(appointment.statusCode()).isEqualTo(200);
			assertThat(R4Validation.errors(resource(appointment.body()))).isEmpty();
			assertThat(otherProgram.statusCode()).isEqualTo(404);
			// a session's read names no patient (its roster is the group): the program's
			// audit has it
			JsonNode programAudit = JSON.readTree(
					send("GET", "/api/v1/audit?programId=program-a&limit=500&from=" + beforeReads, ADMIN_A, null, null)
						.body());
			assertThat(programAudit.valueStream()
				.filter((r) -> r.get("action").asString().equals("session.read") && !r.hasNonNull("patientId"))
				.map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
				.contains("admin-program-a/ALLOWED", "clinician-b1/DENIED");

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, patient))
					.extracting(AuditRecorded::action, AuditRecorded::actor, AuditRecorded::outcome)
					.contains(tuple("session.read", "admin-program-a", AuditOutcome.ALLOWED),
							tuple("attendance.read", "admin-program-a", AuditOutcome.ALLOWED),
							tuple("attendance.read", "admin-program-b", AuditOutcome.DENIED),
							tuple("attendance.read", "admin-program-a", AuditOutcome.DENIED)));
			// three Appointment searches, four Encounter reads (three searches, by id)
			// (the writes before the probe opened may still arrive: reads only)
			assertThat(audited(probe, patient))
				.filteredOn((e) -> e.outcome() == AuditOutcome.ALLOWED && e.action().endsWith(".read"))
				.extracting(AuditRecorded::action)
				.containsExactlyInAnyOrder("session.read", "session.read", "session.read", "attendance.read",
						"attendance.read", "attendance.read", "attendance.read");
		}
	}

	/**
	 * An Appointment sent back changed: the JSON API's roster removal, reschedule and
	 * roster addition, each with its events; the same again changes nothing; what may not
	 * change is named; a cancellation is the JSON API's, and final.
	 */
	@Test
	void anAppointmentUpdateReschedulesChangesTheRosterAndCancelsAsTheJsonApi() throws Exception {
		String stays = "patient-stays-" + System.nanoTime();
		String leaves = "patient-leaves-" + System.nanoTime();
		String joins = "patient-joins-" + System.nanoTime();
		Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			String id = created(send("POST", "/fhir/r4/Appointment", INGEST_A,
					appointment("program-a", start, 180, stays, leaves), null))
				.get("id")
				.asString();
			Instant scheduled = Instant
				.parse(JSON.readTree(send("GET", "/fhir/r4/Appointment/" + id, ADMIN_A, null, null).body())
					.get("meta")
					.get("lastUpdated")
					.asString());
			Instant later = start.plus(1, ChronoUnit.HOURS);
			String changed = appointment("program-a", later, 120, stays, joins).replace("\"status\":\"booked\"",
					"\"id\":\"" + id + "\",\"status\":\"booked\"");

			HttpResponse<String> updated = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A, changed, null);
			HttpResponse<String> again = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A, changed, null);
			HttpResponse<String> otherType = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A,
					changed.replace("\"GROUP\"", "\"FAMILY\""), null);
			HttpResponse<String> cancelledAndMoved = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A,
					appointment("program-a", start, 180, stays, joins).replace("\"booked\"", "\"cancelled\""), null);

			assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
			assertThat(R4Validation.errors(resource(updated.body()))).isEmpty();
			JsonNode stored = JSON.readTree(updated.body());
			assertThat(Instant.parse(stored.get("start").asString())).isEqualTo(later);
			assertThat(stored.get("minutesDuration").asInt()).isEqualTo(120);
			assertThat(stored.get("participant").findValuesAsString("reference")).containsExactly("Patient/" + stays,
					"Patient/" + joins, "Practitioner/clinician-1");
			assertThat(Instant.parse(stored.get("meta").get("lastUpdated").asString())).isAfter(scheduled);
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(otherType.statusCode()).isEqualTo(422);
			assertThat(expressions(otherType)).containsExactly("Appointment.serviceType");
			assertThat(cancelledAndMoved.statusCode()).isEqualTo(422);
			assertThat(expressions(cancelledAndMoved)).containsExactly("Appointment.start");
			assertThat(types(probe, leaves, 2)).containsExactly("SessionScheduled", "SessionCancelled");
			assertThat(types(probe, stays, 2)).containsExactly("SessionScheduled", "SessionChanged");
			assertThat(types(probe, joins, 1)).containsExactly("SessionScheduled");

			HttpResponse<String> cancelled = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A,
					changed.replace("\"booked\"", "\"cancelled\""), null);
			HttpResponse<String> revived = send("PUT", "/fhir/r4/Appointment/" + id, INGEST_A, changed, null);

			assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
			assertThat(JSON.readTree(cancelled.body()).get("status").asString()).isEqualTo("cancelled");
			assertThat(revived.statusCode()).isEqualTo(409);
			assertThat(revived.body()).contains("OperationOutcome");
			assertThat(types(probe, stays, 3)).containsExactly("SessionScheduled", "SessionChanged",
					"SessionCancelled");
			assertThat(types(probe, joins, 2)).containsExactly("SessionScheduled", "SessionCancelled");
			assertThat(this.sessions.findById(id).orElseThrow().cancelled()).isTrue();
		}
	}

	/**
	 * An Encounter sent back with another status is the JSON API's correction: with a
	 * reason, by a program admin too, who corrected from the token.
	 */
	@Test
	void anEncounterUpdateIsTheJsonApisCorrection() throws Exception {
		String patient = "patient-corrected-" + System.nanoTime();
		String session = created(
				send("POST", "/fhir/r4/Appointment", INGEST_A, appointment("program-a", STARTED, 180, patient), null))
			.get("id")
			.asString();
		String id = created(send("POST", "/fhir/r4/Encounter", INGEST_A,
				encounter(session, patient, "cancelled", "NO_SHOW", 0), null))
			.get("id")
			.asString();
		String excused = encounter(session, patient, "cancelled", "EXCUSED", 0);
		String withReason = excused.replace("\"extension\":[", """
				"extension":[{"url":"%s","valueCoding":{"system":"%s","code":"EXCUSE_RECEIVED"}},"""
			.formatted(AttendanceCodes.CORRECTION_EXTENSION, AttendanceCodes.CORRECTION_REASON));

		HttpResponse<String> noReason = send("PUT", "/fhir/r4/Encounter/" + id, ADMIN_A, excused, null);
		HttpResponse<String> otherPatient = send("PUT", "/fhir/r4/Encounter/" + id, ADMIN_A,
				withReason.replace("Patient/" + patient, "Patient/" + A1), null);
		HttpResponse<String> corrected = send("PUT", "/fhir/r4/Encounter/" + id, ADMIN_A, withReason, "fix-1");
		HttpResponse<String> retried = send("PUT", "/fhir/r4/Encounter/" + id, ADMIN_A, withReason, "fix-1");

		assertThat(noReason.statusCode()).isEqualTo(422);
		assertThat(expressions(noReason))
			.containsExactly("Encounter.extension('" + AttendanceCodes.CORRECTION_EXTENSION + "')");
		assertThat(otherPatient.statusCode()).isEqualTo(422);
		assertThat(expressions(otherPatient)).containsExactly("Encounter.subject.reference");
		assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(R4Validation.errors(resource(corrected.body()))).isEmpty();
		assertThat(corrected.body()).contains("EXCUSED");
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).singleElement().satisfies((record) -> {
			assertThat(record.status()).isEqualTo(AttendanceStatus.EXCUSED);
			assertThat(record.revision()).isEqualTo(1);
			assertThat(record.corrections().get(0).correctedBy()).isEqualTo("admin-program-a");
			assertThat(record.corrections().get(0).reason()).isEqualTo(CorrectionReason.EXCUSE_RECEIVED);
		});
	}

	/** The types of a patient's first {@code count} events, in order. */
	private static List<String> types(TopicProbe probe, String patient, int count) {
		probe.awaitEvents(patient, count, Duration.ofSeconds(20));
		return probe.quietFor(patient, Duration.ofMillis(500))
			.stream()
			.map((event) -> event.data().getClass().getSimpleName())
			.toList();
	}

	/**
	 * A program that declares mental health only (from stepwise.programs.v1): its
	 * attendance is not Part 2 and leaves without the scope, unlabelled. program-a is not
	 * known here, so its attendance is Part 2 (failing closed: the matrix's 404s).
	 */
	@Test
	void aMentalHealthProgramsAttendanceIsNotPart2() throws Exception {
		String program = "program-mh-" + RUN;
		String patient = "patient-mh-" + System.nanoTime();
		Instant now = Instant.now();
		TestEvents
			.publish(
					EventEnvelope.of("/test",
							new ProgramUpdated(program, "Evening IOP", ProgramType.MENTAL_HEALTH, "America/Chicago",
									"ADULT", Map.of(), null, List.of(), 1, now, List.of(ProgramType.MENTAL_HEALTH)),
							now));
		String ingest = TestTokens.ingest(program);
		String admin = TestTokens.programAdmin(program);
		String session = created(
				send("POST", "/fhir/r4/Appointment", ingest, appointment(program, STARTED, 180, patient), null))
			.get("id")
			.asString();
		created(send("POST", "/fhir/r4/Encounter", ingest, encounter(session, patient, "finished", null, 180), null));

		await().atMost(Duration.ofSeconds(30)).until(() -> total("/fhir/r4/Encounter?patient=" + patient, admin) == 1);
		JsonNode encounters = search("/fhir/r4/Encounter?patient=" + patient, admin);
		HttpResponse<String> appointment = send("GET", "/fhir/r4/Appointment/" + session, admin, null, null);

		assertThat(encounters.get("entry").get(0).get("resource").has("meta")).isTrue();
		assertThat(encounters.get("entry").get(0).get("resource").get("meta").has("security")).isFalse();
		assertThat(appointment.statusCode()).isEqualTo(200);
		assertThat(appointment.body()).doesNotContain("42CFRPart2");
		assertThat(R4Validation.errors(resource(appointment.body()))).isEmpty();
	}

	@Test
	void theCapabilityStatementListsExactlyWhatIsSupported() throws Exception {
		HttpResponse<String> response = send("GET", "/fhir/r4/metadata", NONE, null, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(R4Validation.errors(resource(response.body()))).isEmpty();
		JsonNode rest = JSON.readTree(response.body()).get("rest").get(0);
		assertThat(rest.get("interaction").findValuesAsString("code")).containsExactly("transaction");
		assertThat(rest.get("resource").valueStream().map((r) -> r.get("type").asString()))
			.containsExactly("Appointment", "Encounter");
		for (JsonNode resource : rest.get("resource")) {
			assertThat(resource.get("interaction").findValuesAsString("code")).containsExactly("create", "read",
					"update", "search-type");
			assertThat(resource.get("searchParam").findValuesAsString("name")).contains("patient", "_lastUpdated",
					"_count", "_offset");
		}
	}

	/** The patient's first attendance event (their session's events may come too). */
	private static AttendanceRecorded attendance(TopicProbe probe, String patient) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> recorded(probe, patient, Duration.ofMillis(200)), (events) -> !events.isEmpty())
			.get(0);
	}

	/** The patient's attendance events once the topic was quiet for a while. */
	private static List<AttendanceRecorded> recorded(TopicProbe probe, String patient, Duration quiet) {
		return probe.quietFor(patient, quiet)
			.stream()
			.map(EventEnvelope::data)
			.filter(AttendanceRecorded.class::isInstance)
			.map(AttendanceRecorded.class::cast)
			.toList();
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private static List<String> ids(JsonNode bundle) {
		return bundle.get("entry").valueStream().map((entry) -> entry.get("resource").get("id").asString()).toList();
	}

	private static Resource resource(String json) {
		return (Resource) FhirJson.parse(json, "Resource");
	}

	private static List<String> expressions(HttpResponse<String> response) {
		return JSON.readTree(response.body())
			.get("issue")
			.valueStream()
			.map((issue) -> issue.get("expression").get(0).asString())
			.toList();
	}

	private int total(String path, String token) throws Exception {
		return JSON.readTree(send("GET", path, token, null, null).body()).get("total").asInt();
	}

	private JsonNode search(String pathOrUrl, String token) throws Exception {
		URI uri = URI.create(pathOrUrl);
		String path = (uri.getScheme() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : pathOrUrl;
		HttpResponse<String> response = send("GET", path, token, null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode bundle = JSON.readTree(response.body());
		assertThat(bundle.get("type").asString()).isEqualTo("searchset");
		return bundle;
	}

	private static JsonNode created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
		return JSON.readTree(response.body());
	}

	static String appointment(String program, Instant start, int minutes, String... roster) {
		StringBuilder participants = new StringBuilder();
		for (String patient : roster) {
			participants
				.append("{\"actor\":{\"reference\":\"Patient/%s\"},\"status\":\"accepted\"},".formatted(patient));
		}
		return """
				{"resourceType":"Appointment","status":"booked",
				 "extension":[{"url":"%s","valueString":"%s"}],
				 "serviceType":[{"coding":[{"system":"%s","code":"GROUP"}]},{"coding":[{"system":"%s","code":"CBT"}]}],
				 "start":"%s","end":"%s",
				 "participant":[%s{"actor":{"reference":"Practitioner/clinician-1"},"status":"accepted"}]}""".formatted(
				AttendanceCodes.PROGRAM_EXTENSION, program, AttendanceCodes.SESSION_TYPE, AttendanceCodes.MODALITY,
				start, start.plus(minutes, ChronoUnit.MINUTES), participants);
	}

	static String encounter(String session, String patient, String status, String attendance, int minutes) {
		String extension = (attendance == null) ? ""
				: "\"extension\":[{\"url\":\"%s\",\"valueCoding\":{\"system\":\"%s\",\"code\":\"%s\"}}],"
					.formatted(AttendanceCodes.ATTENDANCE_EXTENSION, AttendanceCodes.ATTENDANCE_STATUS, attendance);
		return """
				{"resourceType":"Encounter",%s"status":"%s","class":{"system":"%s","code":"AMB"},
				 "subject":{"reference":"Patient/%s"},"appointment":[{"reference":"Appointment/%s"}],
				 "length":{"value":%d,"unit":"min","system":"http://unitsofmeasure.org","code":"min"}}"""
			.formatted(extension, status, AttendanceCodes.ACT_CODE, patient, session, minutes);
	}

	static String transaction(String... resources) {
		StringBuilder entries = new StringBuilder();
		for (String resource : resources) {
			String type = resource.contains("\"Appointment\"") ? "Appointment" : "Encounter";
			entries.append((entries.length() > 0) ? "," : "")
				.append("{\"resource\":%s,\"request\":{\"method\":\"POST\",\"url\":\"%s\"}}".formatted(resource, type));
		}
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
	}

	private static String part2(String subject, String role, String program) {
		return TestTokens.withClaim(subject, List.of(role), List.of(program), role.equals("clinician") ? subject : null,
				"scope", "openid " + Part2Consent.SCOPE);
	}

	private static Arguments row(String method, String path, String body, String who, String token, int expected) {
		return Arguments.of(method, path, body, who, token, expected);
	}

	private HttpResponse<String> sendJson(String path, String token, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** FHIR requests: the token (if any) as a bearer header, the key (if any). */
	private HttpResponse<String> send(String method, String path, String token, String body, String key)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
