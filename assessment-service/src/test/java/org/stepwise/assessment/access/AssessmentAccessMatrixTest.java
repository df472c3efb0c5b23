package org.stepwise.assessment.access;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.fhir.OperationOutcomes;
import org.stepwise.testsupport.CareTeamEvents;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Every assessment endpoint x role x own/other program x own/other care team (and, for
 * check-ins, own/other patient) with the status each must get: 2xx, 401, 403 or 404.
 * Patient A1's care team is clinician-a1, A2's clinician-a2; B is in program-b.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentAccessMatrixTest {

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

	static final String PATIENT_A2 = TestTokens.patient(A2, "program-a");

	static final Instant TAKEN = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	String assessmentA1;

	String assessmentB;

	String checkInA1;

	@BeforeAll
	void data() throws Exception {
		this.assessmentA1 = created(send("POST", "/api/v1/assessments", INGEST_A, phq9(A1, "program-a")));
		created(send("POST", "/api/v1/assessments", INGEST_A, phq9(A2, "program-a")));
		this.assessmentB = created(send("POST", "/api/v1/assessments", INGEST_B, phq9(B, "program-b")));
		this.checkInA1 = created(send("POST", "/api/v1/check-ins", PATIENT_A1, checkIn(A1, "program-a")));
		created(send("POST", "/api/v1/check-ins", INGEST_A, checkIn(A2, "program-a")));
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A1, 1, "clinician-a1"));
		TestEvents.publish(CareTeamEvents.planChanged("program-a", A2, 1, "clinician-a2"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !send("GET", "/api/v1/patients/" + A1 + "/assessments", CLINICIAN_A2, null).body().contains(A1)
					&& !send("GET", "/api/v1/patients/" + A2 + "/assessments", CLINICIAN_A1, null).body().contains(A2));
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		for (String path : List.of("/api/v1/patients/" + A1 + "/assessments",
				"/api/v1/patients/" + A1 + "/assessments?instrument=PHQ9",
				"/api/v1/assessments/" + this.assessmentA1)) {
			// one assessment not visible: 404; a list of a patient not visible: empty, as
			// for a patient without records
			int notVisible = path.contains("/patients/") ? 200 : 404;
			rows.add(row("GET", path, null, "no token", NONE, 401));
			rows.add(row("GET", path, null, "ingest", INGEST_A, 403));
			rows.add(row("GET", path, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
			rows.add(row("GET", path, null, "clinician, own program, other care team", CLINICIAN_A2, notVisible));
			rows.add(row("GET", path, null, "clinician, other program", CLINICIAN_B1, notVisible));
			rows.add(row("GET", path, null, "program admin, own program", ADMIN_A, 200));
			rows.add(row("GET", path, null, "program admin, other program", ADMIN_B, notVisible));
			rows.add(row("GET", path, null, "the patient", PATIENT_A1, 403));
		}
		rows.add(row("GET", "/api/v1/assessments/" + this.assessmentB, null, "clinician, own program", CLINICIAN_B1,
				200));
		String checkIns = "/api/v1/patients/" + A1 + "/check-ins";
		rows.add(row("GET", checkIns, null, "no token", NONE, 401));
		rows.add(row("GET", checkIns, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", checkIns, null, "the patient", PATIENT_A1, 200));
		rows.add(row("GET", checkIns, null, "another patient", PATIENT_A2, 404));
		rows.add(row("GET", checkIns, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
		rows.add(row("GET", checkIns, null, "clinician, own program, other care team", CLINICIAN_A2, 200));
		rows.add(row("GET", checkIns, null, "clinician, other program", CLINICIAN_B1, 200));
		rows.add(row("GET", checkIns, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", checkIns, null, "program admin, other program", ADMIN_B, 200));
		String assessment = phq9(A1, "program-a");
		rows.add(row("POST", "/api/v1/assessments", assessment, "no token", NONE, 401));
		rows.add(row("POST", "/api/v1/assessments", assessment, "ingest, own program", INGEST_A, 201));
		rows.add(row("POST", "/api/v1/assessments", assessment, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", "/api/v1/assessments", assessment, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", "/api/v1/assessments", assessment, "program admin", ADMIN_A, 403));
		rows.add(row("POST", "/api/v1/assessments", assessment, "the patient", PATIENT_A1, 403));
		String ownCheckIn = checkIn(A1, "program-a");
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "no token", NONE, 401));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "the patient", PATIENT_A1, 201));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "another patient", PATIENT_A2, 404));
		rows.add(row("POST", "/api/v1/check-ins", checkIn(A1, "program-b"), "the patient, other program", PATIENT_A1,
				404));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "ingest, own program", INGEST_A, 201));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", "/api/v1/check-ins", ownCheckIn, "program admin", ADMIN_A, 403));
		rows.add(row("GET", "/api/v1/instruments", null, "no token", NONE, 401));
		rows.add(row("GET", "/api/v1/instruments", null, "the patient", PATIENT_A1, 200));
		rows.add(row("GET", "/api/v1/instruments", null, "ingest", INGEST_A, 200));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "clinician", CLINICIAN_A1, 403));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "the patient", PATIENT_A1, 403));
		fhirRows(rows);
		rows.add(row("GET", "/actuator/health", null, "no token", NONE, 200));
		rows.add(row("GET", "/actuator/beans", null, "no token", NONE, 401));
		return rows.stream();
	}

	/**
	 * The FHIR R4 endpoints answer each caller as the JSON API does: an Observation
	 * search as the list of a patient's assessments, a QuestionnaireResponse as the
	 * instrument or check-in it carries, a transaction as its entries.
	 */
	private void fhirRows(List<Arguments> rows) {
		String observations = "/fhir/r4/Observation?patient=" + A1;
		rows.add(row("GET", observations, null, "no token", NONE, 401));
		rows.add(row("GET", observations, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", observations, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
		rows.add(row("GET", observations, null, "clinician, own program, other care team", CLINICIAN_A2, 200));
		rows.add(row("GET", observations, null, "clinician, other program", CLINICIAN_B1, 200));
		rows.add(row("GET", observations, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", observations, null, "program admin, other program", ADMIN_B, 200));
		rows.add(row("GET", observations, null, "the patient", PATIENT_A1, 403));
		String responses = "/fhir/r4/QuestionnaireResponse";
		String phq9 = fhirPhq9(A1, "program-a");
		rows.add(row("POST", responses, phq9, "no token", NONE, 401));
		rows.add(row("POST", responses, phq9, "ingest, own program", INGEST_A, 201));
		rows.add(row("POST", responses, phq9, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", responses, phq9, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", responses, phq9, "program admin", ADMIN_A, 403));
		rows.add(row("POST", responses, phq9, "the patient", PATIENT_A1, 403));
		String ownCheckIn = fhirCheckIn(A1, "program-a");
		rows.add(row("POST", responses, ownCheckIn, "no token", NONE, 401));
		rows.add(row("POST", responses, ownCheckIn, "the patient", PATIENT_A1, 201));
		rows.add(row("POST", responses, ownCheckIn, "another patient", PATIENT_A2, 404));
		rows.add(row("POST", responses, fhirCheckIn(A1, "program-b"), "the patient, other program", PATIENT_A1, 404));
		rows.add(row("POST", responses, ownCheckIn, "ingest, own program", INGEST_A, 201));
		rows.add(row("POST", responses, ownCheckIn, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", responses, ownCheckIn, "clinician", CLINICIAN_A1, 403));
		rows.add(row("POST", responses, ownCheckIn, "program admin", ADMIN_A, 403));
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,
				 "request":{"method":"POST","url":"QuestionnaireResponse"}}]}""".formatted(ownCheckIn);
		rows.add(row("POST", "/fhir/r4", transaction, "no token", NONE, 401));
		rows.add(row("POST", "/fhir/r4", transaction, "the patient", PATIENT_A1, 200));
		rows.add(row("POST", "/fhir/r4", transaction, "another patient", PATIENT_A2, 404));
		rows.add(row("POST", "/fhir/r4", transaction, "ingest, own program", INGEST_A, 200));
		rows.add(row("POST", "/fhir/r4", transaction, "ingest, other program", INGEST_B, 404));
		rows.add(row("POST", "/fhir/r4", transaction, "clinician", CLINICIAN_A1, 403));
		String response = "/fhir/r4/QuestionnaireResponse/" + this.assessmentA1;
		rows.add(row("GET", response, null, "no token", NONE, 401));
		rows.add(row("GET", response, null, "ingest", INGEST_A, 403));
		rows.add(row("GET", response, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
		rows.add(row("GET", response, null, "clinician, own program, other care team", CLINICIAN_A2, 404));
		rows.add(row("GET", response, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", response, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", response, null, "program admin, other program", ADMIN_B, 404));
		// the patient reads their own check-ins, not instruments: as if it did not exist
		rows.add(row("GET", response, null, "the patient", PATIENT_A1, 404));
		rows.add(row("GET", "/fhir/r4/QuestionnaireResponse/" + this.checkInA1, null, "the patient", PATIENT_A1, 200));
		rows.add(row("GET", "/fhir/r4/QuestionnaireResponse/" + this.checkInA1, null, "another patient", PATIENT_A2,
				404));
		rows.add(row("GET", "/fhir/r4/QuestionnaireResponse/" + this.checkInA1, null,
				"clinician, own program, own care team", CLINICIAN_A1, 200));
		rows.add(row("GET", "/fhir/r4/metadata", null, "no token", NONE, 200));
	}

	@ParameterizedTest(name = "{0} {1} as {3}: {5}")
	@MethodSource("matrix")
	void eachEndpointAnswersEachCallerAsAgreed(String method, String path, String body, String who, String token,
			int expected) throws Exception {
		HttpResponse<String> response = send(method, path, token, body);

		assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, who, response.body()).isEqualTo(expected);
		if (expected >= 400) {
			// 401 and 403 come from the security chain; the FHIR endpoints' own refusals
			// are OperationOutcomes
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValue((path.startsWith("/fhir/") && expected == 404) ? "application/fhir+json;charset=UTF-8"
						: "application/problem+json");
			assertThat(response.body()).doesNotContain(A1, A2, B);
		}
	}

	/**
	 * A FHIR search is the JSON API's read: what the caller sees of the patient, audited
	 * as {@code assessment.read}, allowed or denied.
	 */
	@Test
	void fhirObservationReadsAreAuditedAndShowOnlyWhatTheCallerSees() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			JsonNode own = JSON.readTree(send("GET", "/fhir/r4/Observation?patient=" + A1, CLINICIAN_A1, null).body());
			JsonNode otherTeam = JSON
				.readTree(send("GET", "/fhir/r4/Observation?patient=" + A1, CLINICIAN_A2, null).body());

			assertThat(own.get("total").asInt()).isPositive();
			assertThat(otherTeam.get("total").asInt()).isZero();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A1))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("clinician-a1", "assessment.read", AuditOutcome.ALLOWED),
							tuple("clinician-a2", "assessment.read", AuditOutcome.DENIED)));
		}
	}

	@Test
	void aPatientReadsOnlyTheirOwnCheckIns() throws Exception {
		JsonNode own = JSON.readTree(send("GET", "/api/v1/patients/" + A1 + "/check-ins", PATIENT_A1, null).body());
		assertThat(own.valueStream().map((c) -> c.get("patientId").asString())).isNotEmpty().allMatch(A1::equals);
	}

	@Test
	void readsAndDeniedAttemptsAreAudited() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			assertThat(send("GET", "/api/v1/patients/" + A1 + "/check-ins", PATIENT_A1, null).statusCode())
				.isEqualTo(200);
			assertThat(send("GET", "/api/v1/patients/" + A1 + "/check-ins", PATIENT_A2, null).statusCode())
				.isEqualTo(404);
			assertThat(send("GET", "/api/v1/assessments/" + this.assessmentA1, CLINICIAN_A2, null).statusCode())
				.isEqualTo(404);
			assertThat(send("GET", "/api/v1/assessments/" + this.assessmentA1, CLINICIAN_A1, null).statusCode())
				.isEqualTo(200);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A1))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple(A1, "check-in.read", AuditOutcome.ALLOWED),
							tuple(A2, "check-in.read", AuditOutcome.DENIED),
							tuple("clinician-a2", "assessment.read", AuditOutcome.DENIED),
							tuple("clinician-a1", "assessment.read", AuditOutcome.ALLOWED)));
		}
		JsonNode records = JSON.readTree(send("GET", "/api/v1/audit?patientId=" + A1, ADMIN_A, null).body());
		assertThat(records.valueStream().map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
			.contains("clinician-a1/ALLOWED", "clinician-a2/DENIED");
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).get("id").asString();
	}

	private static String phq9(String patient, String program) {
		return """
				{"patientId":"%s","programId":"%s","instrument":"PHQ9","occurredAt":"%s",
				 "items":{"1":1,"2":1,"3":0,"4":1,"5":0,"6":0,"7":1,"8":0,"9":0}}""".formatted(patient, program, TAKEN);
	}

	private static String checkIn(String patient, String program) {
		return """
				{"patientId":"%s","programId":"%s","occurredAt":"%s","mood":5,"craving":3,"usedSinceLastCheckIn":false,
				 "substances":[],"sleepHours":7,"stress":4,"medicationTakenAsPrescribed":true}""".formatted(patient,
				program, TAKEN);
	}

	private static String fhirPhq9(String patient, String program) {
		return """
				{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/44249-1","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"%s"}],
				 "item":[%s]}"""
			.formatted(patient, TAKEN, program, String.join(",", java.util.stream.IntStream.rangeClosed(1, 9)
				.mapToObj((item) -> "{\"linkId\":\"%d\",\"answer\":[{\"valueInteger\":%d}]}".formatted(item, item % 2))
				.toList()));
	}

	private static String fhirCheckIn(String patient, String program) {
		return """
				{"resourceType":"QuestionnaireResponse",
				 "questionnaire":"https://stepwise.example/fhir/Questionnaire/daily-check-in","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"%s"}],
				 "item":[{"linkId":"mood","answer":[{"valueInteger":5}]},{"linkId":"craving","answer":[{"valueInteger":3}]},
				   {"linkId":"usedSinceLastCheckIn","answer":[{"valueBoolean":false}]},
				   {"linkId":"sleepHours","answer":[{"valueInteger":7}]},{"linkId":"stress","answer":[{"valueInteger":4}]},
				   {"linkId":"medicationTakenAsPrescribed","answer":[{"valueBoolean":true}]}]}"""
			.formatted(patient, TAKEN, program);
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
			request.header("Content-Type", path.startsWith("/fhir/") ? "application/fhir+json" : "application/json");
		}
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
