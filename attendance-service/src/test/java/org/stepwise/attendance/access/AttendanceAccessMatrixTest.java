package org.stepwise.attendance.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.testsupport.CareTeamEvents;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every attendance endpoint x role x own/other program x own/other care team, with the
 * status each must get: 2xx, 401 (no or bad token), 403 (role), 404 (another program or
 * care team). Patient A1's care team is clinician-a1, A2's clinician-a2 (from plan
 * events); B is in program-b.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class AttendanceAccessMatrixTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String A1 = "patient-a1-" + RUN;

	static final String A2 = "patient-a2-" + RUN;

	static final String B = "patient-b-" + RUN;

	static final String NONE = "";

	static final String INGEST_A = TestTokens.ingest("program-a");

	static final String INGEST_B = TestTokens.ingest("program-b");

	static final String CLINICIAN_A1 = TestTokens.clinician("clinician-a1", "program-a");

	static final String CLINICIAN_A2 = TestTokens.clinician("clinician-a2", "program-a");

	static final String CLINICIAN_B1 = TestTokens.clinician("clinician-b1", "program-b");

	static final String ADMIN_A = TestTokens.programAdmin("program-a");

	static final String ADMIN_B = TestTokens.programAdmin("program-b");

	static final String PATIENT_A1 = TestTokens.patient(A1, "program-a");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	String sessionA;

	String sessionB;

	@BeforeAll
	void data() throws Exception {
		Instant start = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		this.sessionA = schedule(INGEST_A, "program-a", start, A1, A2);
		this.sessionB = schedule(INGEST_B, "program-b", start, B);
		record(INGEST_A, this.sessionA, A1);
		record(INGEST_A, this.sessionA, A2);
		record(INGEST_B, this.sessionB, B);
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A1, 1, "clinician-a1"));
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A2, 1, "clinician-a2"));
		// the read model has both care teams once clinician-a2 no longer sees A1 (and
		// does
		// see A2)
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !send("GET", "/api/v1/patients/" + A1 + "/attendance", CLINICIAN_A2, null).body().contains(A1)
					&& !send("GET", "/api/v1/patients/" + A2 + "/attendance", CLINICIAN_A1, null).body().contains(A2));
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		String a1Attendance = "/api/v1/patients/" + A1 + "/attendance";
		String a1Summary = "/api/v1/patients/" + A1 + "/attendance/summary";
		for (String path : List.of(a1Attendance, a1Summary)) {
			rows.add(row("GET", path, null, "no token", NONE, 401));
			rows.add(row("GET", path, null, "ingest", INGEST_A, 403));
			rows.add(row("GET", path, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
			// lists of a patient the caller may not see: empty, as for a patient without
			// records
			rows.add(row("GET", path, null, "clinician, own program, other care team", CLINICIAN_A2, 200));
			rows.add(row("GET", path, null, "clinician, other program", CLINICIAN_B1, 200));
			rows.add(row("GET", path, null, "program admin, own program", ADMIN_A, 200));
			rows.add(row("GET", path, null, "program admin, other program", ADMIN_B, 200));
			rows.add(row("GET", path, null, "the patient", PATIENT_A1, 403));
		}
		String sessionA = "/api/v1/sessions/" + this.sessionA;
		rows.add(row("GET", sessionA, null, "no token", NONE, 401));
		rows.add(row("GET", sessionA, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", sessionA, null, "clinician, own program (roster: whole group)", CLINICIAN_A2, 200));
		rows.add(row("GET", sessionA, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", sessionA, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", sessionA, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", sessionA, null, "patient", PATIENT_A1, 403));
		String unrecorded = "/api/v1/sessions/unrecorded";
		rows.add(row("GET", unrecorded, null, "no token", NONE, 401));
		rows.add(row("GET", unrecorded, null, "clinician", CLINICIAN_A1, 200));
		rows.add(row("GET", unrecorded, null, "program admin", ADMIN_B, 200));
		rows.add(row("GET", unrecorded, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", unrecorded, null, "patient", PATIENT_A1, 403));
		String newSession = sessionBody("program-a", Instant.now().plus(2, ChronoUnit.DAYS), "patient-new-" + RUN);
		rows.add(row("POST", "/api/v1/sessions", newSession, "no token", NONE, 401));
		rows.add(row("POST", "/api/v1/sessions", newSession, "ingest, own program", INGEST_A, 201));
		rows.add(row("POST", "/api/v1/sessions", newSession, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", "/api/v1/sessions", newSession, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", "/api/v1/sessions", newSession, "program admin", ADMIN_A, 403));
		rows.add(row("POST", "/api/v1/sessions", newSession, "patient", PATIENT_A1, 403));
		String recurring = "/api/v1/sessions/recurring";
		rows.add(row("POST", recurring, "{}", "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", recurring, "{}", "no token", NONE, 401));
		String attendanceB = "/api/v1/sessions/" + this.sessionB + "/attendance";
		String mark = "{\"patientId\":\"" + B + "\",\"status\":\"ATTENDED\",\"minutesAttended\":60}";
		rows.add(row("POST", attendanceB, mark, "ingest, other program", INGEST_A, 404));
		rows.add(row("POST", attendanceB, mark, "clinician", CLINICIAN_B1, 403));
		rows.add(row("POST", attendanceB, mark, "no token", NONE, 401));
		String correction = "/api/v1/sessions/" + this.sessionA + "/attendance/" + A1 + "/corrections";
		String corrected = "{\"status\":\"LATE\",\"minutesAttended\":120,\"correctedBy\":\"admin-a\","
				+ "\"reason\":\"DATA_ENTRY_ERROR\"}";
		rows.add(row("POST", correction, corrected, "program admin, own program", ADMIN_A, 200));
		rows.add(row("POST", correction, corrected, "ingest, own program", INGEST_A, 200));
		rows.add(row("POST", correction, corrected, "program admin, other program", ADMIN_B, 404));
		rows.add(row("POST", correction, corrected, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", correction, corrected, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", correction, corrected, "patient", PATIENT_A1, 403));
		String sessionB = "/api/v1/sessions/" + this.sessionB;
		String later = "{\"facilitatorId\":\"clinician-b9\"}";
		rows.add(row("PATCH", sessionB, later, "ingest, other program", INGEST_A, 404));
		rows.add(row("PATCH", sessionB, later, "clinician, own program", CLINICIAN_B1, 403));
		rows.add(row("DELETE", sessionB, null, "ingest, other program", INGEST_A, 404));
		rows.add(row("DELETE", sessionB, null, "program admin, own program", ADMIN_B, 403));
		rows.add(row("POST", sessionB + "/roster", "{\"patientId\":\"x-" + RUN + "\"}", "ingest, other program",
				INGEST_A, 404));
		rows.add(row("DELETE", sessionB + "/roster/" + B, null, "ingest, other program", INGEST_A, 404));
		rows.add(row("DELETE", sessionB + "/roster/" + B, null, "no token", NONE, 401));
		String audit = "/api/v1/audit?programId=program-a";
		rows.add(row("GET", audit, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", audit, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", audit, null, "clinician", CLINICIAN_A1, 403));
		rows.add(row("GET", audit, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", audit, null, "no token", NONE, 401));
		String verify = "/api/v1/audit/verify";
		rows.add(row("GET", verify, null, "program admin", ADMIN_A, 200));
		rows.add(row("GET", verify, null, "clinician", CLINICIAN_A1, 403));
		rows.add(row("GET", verify, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", verify, null, "no token", NONE, 401));
		// tokens that are not valid at all
		rows.add(row("GET", a1Attendance, null, "expired token", TestTokens.expired("clinician-a1", "program-a"), 401));
		rows.add(row("GET", a1Attendance, null, "token signed by another key",
				TestTokens.forged("clinician-a1", "program-a"), 401));
		rows.add(row("GET", a1Attendance, null, "token from another issuer",
				TestTokens.otherIssuer("clinician-a1", "program-a"), 401));
		rows.add(row("GET", a1Attendance, null, "unknown role only",
				TestTokens.withRoles("someone", List.of("superuser"), "program-a"), 403));
		// open without a token, and nothing else of actuator
		rows.add(row("GET", "/actuator/health", null, "no token", NONE, 200));
		rows.add(row("GET", "/actuator/prometheus", null, "no token", NONE, 200));
		rows.add(row("GET", "/v3/api-docs", null, "no token", NONE, 200));
		rows.add(row("GET", "/actuator/env", null, "no token", NONE, 401));
		rows.add(row("GET", "/actuator/env", null, "program admin", ADMIN_A, 403));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {3}: {5}")
	@MethodSource("matrix")
	void eachEndpointAnswersEachCallerAsAgreed(String method, String path, String body, String who, String token,
			int expected) throws Exception {
		HttpResponse<String> response = send(method, path, token, body);

		assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, who, response.body()).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).doesNotContain(A1, A2, B);
		}
	}

	@Test
	void aClinicianSeesOnlyTheirCareTeamsRecordsAndTheListsOfTheirPrograms() throws Exception {
		JsonNode own = JSON.readTree(send("GET", "/api/v1/patients/" + A2 + "/attendance", CLINICIAN_A2, null).body());
		assertThat(own).singleElement().satisfies((r) -> assertThat(r.get("patientId").asString()).isEqualTo(A2));

		JsonNode unrecordedB = JSON
			.readTree(send("GET", "/api/v1/sessions/unrecorded?olderThanHours=0", CLINICIAN_B1, null).body());
		assertThat(unrecordedB.valueStream().map((s) -> s.get("programId").asString())).allMatch("program-b"::equals);
	}

	@Test
	void readsAndDeniedAttemptsAreAuditedInTheStoreAndOnTheAuditTopic() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			String patient = A2;
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance", CLINICIAN_A2, null).statusCode())
				.isEqualTo(200);
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance", CLINICIAN_B1, null).body())
				.isEqualTo("[]");
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance", PATIENT_A1, null).statusCode())
				.isEqualTo(403);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, patient))
					.extracting(AuditRecorded::actor, AuditRecorded::outcome)
					.contains(org.assertj.core.groups.Tuple.tuple("clinician-a2", AuditOutcome.ALLOWED),
							org.assertj.core.groups.Tuple.tuple("clinician-b1", AuditOutcome.DENIED),
							org.assertj.core.groups.Tuple.tuple(A1, AuditOutcome.DENIED)));
			List<AuditRecorded> events = audited(probe, patient);
			assertThat(events).allSatisfy((event) -> {
				assertThat(event.service()).isEqualTo("attendance-service");
				assertThat(event.patientId()).isEqualTo(patient);
			});
			AuditRecorded read = events.stream()
				.filter((e) -> e.outcome() == AuditOutcome.ALLOWED && e.actor().equals("clinician-a2"))
				.findFirst()
				.get();
			assertThat(read.action()).isEqualTo("attendance.read");
			assertThat(read.programId()).isEqualTo("program-a");
			assertThat(read.clinicianId()).isEqualTo("clinician-a2");
		}

		JsonNode records = JSON
			.readTree(send("GET", "/api/v1/audit?programId=program-a&patientId=" + A2, ADMIN_A, null).body());
		assertThat(records.valueStream().map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
			.contains("clinician-a2/ALLOWED", "clinician-b1/DENIED");
		assertThat(records.get(0).has("outbox")).isFalse();
		assertThat(records.get(0).get("chainHash").asString()).hasSize(64);
		assertThat(records.get(0).has("chainKey")).isFalse();

		// every record this test wrote through the service is on one unbroken chain
		JsonNode chain = JSON.readTree(send("GET", "/api/v1/audit/verify", ADMIN_A, null).body());
		assertThat(chain.get("intact").asBoolean()).as(chain.toString()).isTrue();
		assertThat(chain.get("checked").asLong()).isPositive();
		assertThat(chain.get("service").asString()).isEqualTo("attendance-service");
		assertThat(chain.toString()).doesNotContain(A2, "clinician-a2");
	}

	@Test
	void aPatientTheCallerMayNotSeeLooksLikeAPatientWithoutRecords() throws Exception {
		String nobody = "patient-nobody-" + RUN;
		for (String suffix : List.of("/attendance", "/attendance/summary?from=2026-01-01&to=2026-01-31&zone=UTC")) {
			HttpResponse<String> withRecords = send("GET", "/api/v1/patients/" + A1 + suffix, CLINICIAN_B1, null);
			HttpResponse<String> withoutRecords = send("GET", "/api/v1/patients/" + nobody + suffix, CLINICIAN_B1,
					null);

			assertThat(withRecords.statusCode()).as(suffix).isEqualTo(withoutRecords.statusCode()).isEqualTo(200);
			assertThat(withRecords.body().replace(A1, nobody)).as(suffix).isEqualTo(withoutRecords.body());
		}
	}

	@Test
	void everyRefusalOfARequestNamingAPatientIsAudited(CapturedOutput output) throws Exception {
		String patient = A2;
		String session = "/api/v1/sessions/" + this.sessionA;
		String stranger = "patient-stranger-" + RUN;
		String correction = "{\"status\":\"LATE\",\"minutesAttended\":120,\"reason\":\"DATA_ENTRY_ERROR\"}";
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance", NONE, null).statusCode())
				.isEqualTo(401);
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance",
					TestTokens.forged("clinician-a1", "program-a"), null)
				.statusCode()).isEqualTo(401);
			assertThat(send("GET", "/api/v1/patients/" + patient + "/attendance", INGEST_A, null).statusCode())
				.isEqualTo(403);
			assertThat(send("POST", session + "/attendance/" + stranger + "/corrections", INGEST_A, correction)
				.statusCode()).isEqualTo(404);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, patient))
					.extracting(AuditRecorded::actor, AuditRecorded::outcome, AuditRecorded::programId)
					.contains(org.assertj.core.groups.Tuple.tuple("anonymous", AuditOutcome.DENIED, null),
							org.assertj.core.groups.Tuple.tuple("stepwise-ingest", AuditOutcome.DENIED, "program-a")));
			assertThat(audited(probe, patient)).filteredOn((e) -> e.actor().equals("anonymous")).hasSize(2);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, stranger))
					.extracting(AuditRecorded::actor, AuditRecorded::outcome)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("stepwise-ingest", AuditOutcome.DENIED)));
		}
		// the role refusal is the program's: its admin finds it
		JsonNode records = JSON
			.readTree(send("GET", "/api/v1/audit?programId=program-a&patientId=" + patient, ADMIN_A, null).body());
		assertThat(records.valueStream().map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
			.contains("stepwise-ingest/DENIED");
		// auditing an unauthenticated refusal logs nothing about the patient
		assertThat(output.getAll()).doesNotContain(patient, stranger);
	}

	@Test
	void responsesCarrySecurityHeadersAndOversizedBodiesAreRefused() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/patients/" + A1 + "/attendance", CLINICIAN_A1, null);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'"));
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();

		String huge = "{\"patientId\":\"" + "x".repeat(300 * 1024) + "\"}";
		HttpResponse<String> tooLarge = send("POST", "/api/v1/sessions/" + this.sessionA + "/attendance", INGEST_A,
				huge);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("body_too_large");

		HttpResponse<String> noToken = send("GET", "/api/v1/patients/" + A1 + "/attendance", NONE, null);
		assertThat(noToken.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private String schedule(String token, String program, Instant start, String... roster) throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/sessions", token, sessionBody(program, start, roster));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).get("id").asString();
	}

	private void record(String token, String session, String patient) throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/sessions/" + session + "/attendance", token,
				"{\"patientId\":\"" + patient + "\",\"status\":\"ATTENDED\",\"minutesAttended\":180}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private static String sessionBody(String program, Instant start, String... roster) {
		return """
				{"programId":"%s","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
				 "facilitatorId":"clinician-1","roster":%s}""".formatted(program, start,
				start.plus(3, ChronoUnit.HOURS), JSON.writeValueAsString(List.of(roster)));
	}

	private static Arguments row(String method, String path, String body, String who, String token, int expected) {
		return Arguments.of(method, path, body, who, token, expected);
	}

	/** The one place requests are built: the token (if any) as a bearer header. */
	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
