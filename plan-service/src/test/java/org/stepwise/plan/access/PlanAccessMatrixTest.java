package org.stepwise.plan.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.progress.PatientFileRepository;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Every plan-service endpoint x role x own/other program x own/other care team, with the
 * status each must get: 2xx, 401 (no or bad token), 403 (role), 404 (another program or
 * care team, or not there). Patient A1's plan has care team clinician-a1, A2's
 * clinician-a2 (program-a); B's clinician-b1 (program-b). A1 has a pending crisis
 * evaluation recommendation (from an emergent C-SSRS).
 */
@PlanServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanAccessMatrixTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String A1 = "matrix-a1-" + RUN;

	static final String A2 = "matrix-a2-" + RUN;

	static final String B = "matrix-b-" + RUN;

	static final String NONE = "";

	static final String INGEST = TestTokens.ingest("program-a", "program-b");

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

	@Autowired
	PatientFileRepository patients;

	String recommendation;

	String programB;

	@BeforeAll
	void data() throws Exception {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		enrol(ADMIN_A, A1, "program-a", "clinician-a1");
		enrol(ADMIN_A, A2, "program-a", "clinician-a2");
		enrol(ADMIN_B, B, "program-b", "clinician-b1");
		Instant at = Instant.parse("2026-06-01T12:00:00Z");
		TestEvents
			.publish(EventEnvelope.of("/test", new AssessmentScored("cssrs-" + A1, "program-a", A1, Instrument.CSSRS,
					Map.of(), null, Map.of(), "emergent", List.of(), SafetyLevel.CRITICAL, Set.of(), at, at), at));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.patients.findById(A1)
				.map((file) -> file.state()
					.recommendations()
					.stream()
					.anyMatch((r) -> r.status() == Recommendation.Status.PENDING))
				.orElse(false));
		this.recommendation = this.patients.findById(A1)
			.orElseThrow()
			.state()
			.recommendations()
			.getFirst()
			.recommendationId();
		this.programB = send("GET", "/api/v1/programs/program-b", ADMIN_B, null).body();
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		// reads of one patient: the care team and the program admins
		for (String read : List.of("/plan", "/plan/history", "/recommendations", "/progress")) {
			String path = "/api/v1/patients/" + A1 + read;
			rows.add(row("GET", path, null, "no token", NONE, 401));
			rows.add(row("GET", path, null, "ingest", INGEST, 403));
			rows.add(row("GET", path, null, "the patient", PATIENT_A1, 403));
			rows.add(row("GET", path, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
			rows.add(row("GET", path, null, "clinician, own program, other care team", CLINICIAN_A2, 404));
			rows.add(row("GET", path, null, "clinician, other program", CLINICIAN_B1, 404));
			rows.add(row("GET", path, null, "program admin, own program", ADMIN_A, 200));
			rows.add(row("GET", path, null, "program admin, other program", ADMIN_B, 404));
		}
		rows.add(row("GET", "/api/v1/patients/nobody-" + RUN + "/plan", null, "program admin, no such patient", ADMIN_A,
				404));
		// clinician actions (docs/clinical-rules.md section 5): lock, unlock, bounds,
		// revert
		String a1 = "/api/v1/patients/" + A1 + "/plan";
		String lock = "{\"reason\":\"family meeting\",\"by\":\"mallory\"}";
		String bounds = "{\"minHours\":9,\"maxHours\":12}";
		String revert = "{\"toVersion\":1}";
		// discharge: refused here only (a discharge would end the treatment the rows
		// below act on); AftercareApiTest discharges
		String discharge = "{\"planned\":true,\"reason\":\"moving away\"}";
		for (String[] action : List.of(new String[] { "POST", a1 + "/lock", lock },
				new String[] { "POST", a1 + "/unlock", "{}" }, new String[] { "PUT", a1 + "/bounds", bounds },
				new String[] { "POST", a1 + "/revert", revert },
				new String[] { "POST", a1 + "/discharge", discharge })) {
			rows.add(row(action[0], action[1], action[2], "no token", NONE, 401));
			rows.add(row(action[0], action[1], action[2], "ingest", INGEST, 403));
			rows.add(row(action[0], action[1], action[2], "the patient", PATIENT_A1, 403));
			rows.add(row(action[0], action[1], action[2], "clinician, other care team", CLINICIAN_A2, 404));
			rows.add(row(action[0], action[1], action[2], "clinician, other program", CLINICIAN_B1, 404));
			rows.add(row(action[0], action[1], action[2], "program admin, other program", ADMIN_B, 404));
		}
		rows.add(row("POST", a1 + "/lock", lock, "clinician, own care team", CLINICIAN_A1, 200));
		rows.add(row("POST", a1 + "/unlock", "{}", "program admin, own program", ADMIN_A, 200));
		rows.add(row("PUT", a1 + "/bounds", bounds, "clinician, own care team", CLINICIAN_A1, 200));
		rows.add(row("POST", a1 + "/revert", revert, "clinician, own care team", CLINICIAN_A1, 200));
		rows.add(row("POST", a1 + "/lock", lock, "program admin, own program", ADMIN_A, 200));
		// program admin actions: intensity or level changes, settings
		String a2 = "/api/v1/patients/" + A2 + "/plan";
		String change = "{\"levelOfCare\":{\"code\":\"2.1\",\"edition\":3},\"weeklyHours\":12,\"sessionsPerWeek\":4,"
				+ "\"reason\":\"more structure\"}";
		String settings = "{\"mode\":\"RECOMMEND_ONLY\"}";
		for (String[] action : List.of(new String[] { "POST", a2 + "/changes", change },
				new String[] { "PUT", a2 + "/settings", settings })) {
			rows.add(row(action[0], action[1], action[2], "no token", NONE, 401));
			rows.add(row(action[0], action[1], action[2], "ingest", INGEST, 403));
			rows.add(row(action[0], action[1], action[2], "clinician, own care team", CLINICIAN_A2, 403));
			rows.add(row(action[0], action[1], action[2], "the patient", TestTokens.patient(A2, "program-a"), 403));
			rows.add(row(action[0], action[1], action[2], "program admin, other program", ADMIN_B, 404));
			rows.add(row(action[0], action[1], action[2], "program admin, own program", ADMIN_A, 200));
		}
		// recommendations: the care team decides
		String approve = "/api/v1/recommendations/" + this.recommendation + "/approve";
		String decline = "/api/v1/recommendations/" + this.recommendation + "/decline";
		for (String path : List.of(approve, decline)) {
			rows.add(row("POST", path, "{}", "no token", NONE, 401));
			rows.add(row("POST", path, "{}", "ingest", INGEST, 403));
			rows.add(row("POST", path, "{}", "the patient", PATIENT_A1, 403));
			rows.add(row("POST", path, "{}", "clinician, other care team", CLINICIAN_A2, 404));
			rows.add(row("POST", path, "{}", "clinician, other program", CLINICIAN_B1, 404));
			rows.add(row("POST", path, "{}", "program admin, other program", ADMIN_B, 404));
		}
		rows.add(row("POST", "/api/v1/recommendations/nope-" + RUN + "/approve", "{}", "clinician, no such one",
				CLINICIAN_A1, 404));
		rows.add(row("POST", approve, "{\"by\":\"mallory\"}", "clinician, own care team", CLINICIAN_A1, 200));
		rows.add(row("POST", decline, "{}", "clinician, own care team, already decided", CLINICIAN_A1, 409));
		// enrolment: program admins of the program
		String enrolNew = enrolBody("matrix-new-" + RUN, "program-a", "clinician-a1");
		rows.add(row("POST", "/api/v1/plans", enrolNew, "no token", NONE, 401));
		rows.add(row("POST", "/api/v1/plans", enrolNew, "ingest", INGEST, 403));
		rows.add(row("POST", "/api/v1/plans", enrolNew, "clinician, own program", CLINICIAN_A1, 403));
		rows.add(row("POST", "/api/v1/plans", enrolNew, "the patient", PATIENT_A1, 403));
		rows.add(row("POST", "/api/v1/plans", enrolNew, "program admin, other program", ADMIN_B, 404));
		rows.add(row("POST", "/api/v1/plans", enrolNew, "program admin, own program", ADMIN_A, 201));
		rows.add(row("POST", "/api/v1/plans", enrolBody(A1, "program-b", "clinician-b1"),
				"program admin, a patient of another program", ADMIN_B, 404));
		// programs: staff of the program read, its program admins write
		String programA = "/api/v1/programs/program-a";
		rows.add(row("GET", programA, null, "no token", NONE, 401));
		rows.add(row("GET", programA, null, "ingest", INGEST, 403));
		rows.add(row("GET", programA, null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", programA, null, "clinician, own program", CLINICIAN_A2, 200));
		rows.add(row("GET", programA, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", programA, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", programA, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/api/v1/programs", null, "no token", NONE, 401));
		rows.add(row("GET", "/api/v1/programs", null, "clinician", CLINICIAN_B1, 200));
		rows.add(row("GET", "/api/v1/programs", null, "ingest", INGEST, 403));
		String programB = "/api/v1/programs/program-b";
		rows.add(row("PUT", programB, this.programB, "no token", NONE, 401));
		rows.add(row("PUT", programB, this.programB, "clinician, own program", CLINICIAN_B1, 403));
		rows.add(row("PUT", programB, this.programB, "ingest", INGEST, 403));
		rows.add(row("PUT", programB, this.programB, "program admin, other program", ADMIN_A, 404));
		rows.add(row("PUT", programB, this.programB, "program admin, own program", ADMIN_B, 200));
		String newProgram = "matrix-program-" + RUN;
		String programBody = "{\"name\":\"Matrix IOP\",\"type\":\"MENTAL_HEALTH\",\"timeZone\":\"UTC\","
				+ "\"population\":\"ADULT\"}";
		rows.add(row("POST", "/api/v1/programs/" + newProgram, programBody, "program admin of other programs", ADMIN_A,
				404));
		rows.add(row("POST", "/api/v1/programs/" + newProgram, programBody, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", "/api/v1/programs/" + newProgram, programBody, "program admin of that program",
				TestTokens.programAdmin(newProgram), 201));
		// the caseload's instruments due: staff, each seeing only their own patients
		// (InstrumentsDueTest)
		rows.add(row("GET", "/api/v1/instruments-due", null, "no token", NONE, 401));
		rows.add(row("GET", "/api/v1/instruments-due", null, "ingest", INGEST, 403));
		rows.add(row("GET", "/api/v1/instruments-due", null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", "/api/v1/instruments-due", null, "clinician", CLINICIAN_A1, 200));
		rows.add(row("GET", "/api/v1/instruments-due", null, "program admin", ADMIN_A, 200));
		// the audit query: program admins of that program
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "clinician", CLINICIAN_A1, 403));
		// tokens that are not valid at all
		String a1Plan = "/api/v1/patients/" + A1 + "/plan";
		rows.add(row("GET", a1Plan, null, "expired token", TestTokens.expired("clinician-a1", "program-a"), 401));
		rows.add(row("GET", a1Plan, null, "token signed by another key", TestTokens.forged("clinician-a1", "program-a"),
				401));
		rows.add(row("GET", a1Plan, null, "token from another issuer",
				TestTokens.otherIssuer("clinician-a1", "program-a"), 401));
		rows.add(row("GET", a1Plan, null, "unknown role only",
				TestTokens.withRoles("someone", List.of("superuser"), "program-a"), 403));
		rows.add(row("GET", "/actuator/health", null, "no token", NONE, 200));
		rows.add(row("GET", "/actuator/env", null, "no token", NONE, 401));
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
	void listsShowOnlyTheCallersProgramsAndWhoActedComesFromTheToken() throws Exception {
		JsonNode programs = JSON.readTree(send("GET", "/api/v1/programs", CLINICIAN_B1, null).body());
		assertThat(programs.valueStream().map((p) -> p.get("programId").asString())).containsExactly("program-b");

		JsonNode locked = JSON.readTree(send("POST", "/api/v1/patients/" + B + "/plan/lock", CLINICIAN_B1,
				"{\"by\":\"someone-else\",\"reason\":\"hold\"}")
			.body());
		assertThat(locked.at("/plan/changedBy").asString()).isEqualTo("clinician-b1");
		JsonNode unlocked = JSON.readTree(
				send("POST", "/api/v1/patients/" + B + "/plan/unlock", ADMIN_B, "{\"by\":\"someone-else\"}").body());
		assertThat(unlocked.at("/plan/changedBy").asString()).isEqualTo("admin-program-b");
	}

	@Test
	void readsChangesAndDeniedAttemptsAreAuditedInTheStoreAndOnTheAuditTopic() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			assertThat(send("GET", "/api/v1/patients/" + A2 + "/plan", CLINICIAN_A2, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/api/v1/patients/" + A2 + "/progress", CLINICIAN_A1, null).statusCode())
				.isEqualTo(404);
			assertThat(send("GET", "/api/v1/patients/" + A2 + "/plan/history", CLINICIAN_B1, null).statusCode())
				.isEqualTo(404);
			assertThat(send("PUT", "/api/v1/patients/" + A2 + "/plan/bounds", CLINICIAN_A2, "{\"maxHours\":15}")
				.statusCode()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A2))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("clinician-a2", "plan.read", AuditOutcome.ALLOWED),
							tuple("clinician-a1", "progress.read", AuditOutcome.DENIED),
							tuple("clinician-b1", "plan.history.read", AuditOutcome.DENIED),
							tuple("clinician-a2", "plan.bounds", AuditOutcome.ALLOWED)));
			assertThat(audited(probe, A2)).allSatisfy((event) -> {
				assertThat(event.programId()).isEqualTo("program-a");
				assertThat(event.patientId()).isEqualTo(A2);
			});
		}
		// the clinical clock of this context stands still, so the window is explicit
		JsonNode records = JSON.readTree(send("GET", "/api/v1/audit?programId=program-a&patientId=" + A2
				+ "&from=2026-05-01T00:00:00Z&to=2026-07-01T00:00:00Z", ADMIN_A, null)
			.body());
		assertThat(records.valueStream().map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
			.contains("clinician-a2/ALLOWED", "clinician-a1/DENIED", "clinician-b1/DENIED");
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.filter(AuditRecorded.class::isInstance)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private void enrol(String token, String patient, String program, String clinician) throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/plans", token, enrolBody(patient, program, clinician));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private static String enrolBody(String patient, String program, String clinician) {
		return """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
				 "weeklyHours":9,"sessionsPerWeek":3,"careTeam":["%s"],"mode":"AUTOMATIC","startDate":"2026-06-01"}"""
			.formatted(patient, program, clinician);
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
