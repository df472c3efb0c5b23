package org.stepwise.alert.access;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.careteam.CareTeam;
import org.stepwise.alert.careteam.CareTeamRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Every alert-service API endpoint x role x own/other program x own/other care team, with
 * the status each must get: 2xx, 401 (no or bad token), 403 (role), 404 (another program
 * or care team). A1's care team is clinician-a1, A2's clinician-a2 (program-a, from plan
 * events); N (program-a) has no known care team; B is in program-b (clinician-b1). Each
 * has an open SAFETY alert and timeline entries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertAccessMatrixTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String A1 = "alert-a1-" + RUN;

	static final String A2 = "alert-a2-" + RUN;

	static final String N = "alert-n-" + RUN;

	static final String B = "alert-b-" + RUN;

	static final String NONE = "";

	static final String INGEST = TestTokens.ingest("program-a", "program-b");

	static final String CLINICIAN_A1 = TestTokens.clinician("clinician-a1", "program-a");

	static final String CLINICIAN_A2 = TestTokens.clinician("clinician-a2", "program-a");

	static final String CLINICIAN_B1 = TestTokens.clinician("clinician-b1", "program-b");

	static final String ADMIN_A = TestTokens.programAdmin("program-a");

	static final String ADMIN_B = TestTokens.programAdmin("program-b");

	static final String PATIENT_A1 = TestTokens.patient(A1, "program-a");

	static final Instant AT = Instant.now().minus(3, ChronoUnit.HOURS);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AlertRepository alerts;

	@Autowired
	CareTeamRepository careTeams;

	String alertA1;

	@BeforeAll
	void data() {
		TestEvents.publish(plan("program-a", A1, "clinician-a1"));
		TestEvents.publish(plan("program-a", A2, "clinician-a2"));
		TestEvents.publish(plan("program-b", B, "clinician-b1"));
		// once the care teams are known, the alerts raised next carry them
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Stream.of(A1, A2, B).allMatch((patient) -> !careTeam(patient).isEmpty()));
		TestEvents.publish(safetyPhq9("program-a", A1, 1));
		TestEvents.publish(safetyPhq9("program-a", A2, 1));
		TestEvents.publish(safetyPhq9("program-a", N, 1));
		TestEvents.publish(safetyPhq9("program-b", B, 1));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Stream.of(A1, A2, N, B)
				.allMatch((patient) -> !this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).isEmpty()));
		Alert a1 = this.alerts.findByPatientIdOrderByRaisedAtDesc(A1).getFirst();
		assertThat(a1.careTeam()).containsExactly("clinician-a1");
		this.alertA1 = a1.id();
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		// one patient's alerts, one alert, one patient's timeline
		for (String path : List.of("/api/v1/alerts?patientId=" + A1, "/api/v1/alerts/" + this.alertA1,
				"/api/v1/patients/" + A1 + "/timeline")) {
			rows.add(row("GET", path, null, "no token", NONE, 401));
			rows.add(row("GET", path, null, "ingest", INGEST, 403));
			rows.add(row("GET", path, null, "the patient", PATIENT_A1, 403));
			rows.add(row("GET", path, null, "clinician, own program, own care team", CLINICIAN_A1, 200));
			// one alert not visible: 404; a list of a patient not visible: empty, as for
			// a
			// patient without alerts
			int notVisible = path.startsWith("/api/v1/alerts/") ? 404 : 200;
			rows.add(row("GET", path, null, "clinician, own program, other care team", CLINICIAN_A2, notVisible));
			rows.add(row("GET", path, null, "clinician, other program", CLINICIAN_B1, notVisible));
			rows.add(row("GET", path, null, "program admin, own program", ADMIN_A, 200));
			rows.add(row("GET", path, null, "program admin, other program", ADMIN_B, notVisible));
		}
		rows.add(row("GET", "/api/v1/alerts?patientId=" + N, null, "clinician, own program, no care team known",
				CLINICIAN_A2, 200));
		rows.add(row("GET", "/api/v1/patients/" + N + "/timeline", null, "clinician, own program, no care team known",
				CLINICIAN_A2, 200));
		// lists
		rows.add(row("GET", "/api/v1/alerts", null, "no token", NONE, 401));
		rows.add(row("GET", "/api/v1/alerts", null, "ingest", INGEST, 403));
		rows.add(row("GET", "/api/v1/alerts", null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", "/api/v1/alerts", null, "clinician", CLINICIAN_A1, 200));
		rows.add(row("GET", "/api/v1/alerts", null, "program admin", ADMIN_B, 200));
		// acknowledge and resolve: staff who see the alert; who acted is the caller
		String acknowledge = "/api/v1/alerts/" + this.alertA1 + "/acknowledge";
		String resolve = "/api/v1/alerts/" + this.alertA1 + "/resolve";
		for (String path : List.of(acknowledge, resolve)) {
			String body = "{\"by\":\"mallory\",\"note\":\"called\"}";
			rows.add(row("POST", path, body, "no token", NONE, 401));
			rows.add(row("POST", path, body, "ingest", INGEST, 403));
			rows.add(row("POST", path, body, "the patient", PATIENT_A1, 403));
			rows.add(row("POST", path, body, "clinician, own program, other care team", CLINICIAN_A2, 404));
			rows.add(row("POST", path, body, "clinician, other program", CLINICIAN_B1, 404));
			rows.add(row("POST", path, body, "program admin, other program", ADMIN_B, 404));
		}
		rows.add(row("POST", acknowledge, "{\"by\":\"mallory\"}", "clinician, own care team", CLINICIAN_A1, 200));
		// a HIGH alert, acknowledged above: resolving it needs a note of a few words
		rows.add(row("POST", resolve, "{\"note\":\"Reached the patient, plan reviewed\"}", "program admin, own program",
				ADMIN_A, 200));
		// the live streams
		String programStream = "/api/v1/alerts/stream?programId=program-a";
		rows.add(row("GET", programStream, null, "no token", NONE, 401));
		rows.add(row("GET", programStream, null, "ingest", INGEST, 403));
		rows.add(row("GET", programStream, null, "the patient", PATIENT_A1, 403));
		rows.add(row("GET", programStream, null, "clinician, own program (own patients only)", CLINICIAN_A1, 200));
		rows.add(row("GET", programStream, null, "clinician, other program", CLINICIAN_B1, 404));
		rows.add(row("GET", programStream, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", programStream, null, "program admin, other program", ADMIN_B, 404));
		String otherClinician = "/api/v1/alerts/stream?clinicianId=clinician-a2";
		rows.add(row("GET", otherClinician, null, "clinician, another clinician's stream", CLINICIAN_A1, 404));
		rows.add(row("GET", otherClinician, null, "clinician, own stream", CLINICIAN_A2, 200));
		rows.add(row("GET", otherClinician, null, "program admin, a clinician's stream", ADMIN_A, 200));
		rows.add(row("GET", "/api/v1/alerts/stream", null, "clinician, all of theirs", CLINICIAN_B1, 200));
		// the webhook delivery log: program admins of the program
		String deliveries = "/api/v1/webhooks/deliveries?programId=program-a";
		rows.add(row("GET", deliveries, null, "no token", NONE, 401));
		rows.add(row("GET", deliveries, null, "ingest", INGEST, 403));
		rows.add(row("GET", deliveries, null, "clinician, own program", CLINICIAN_A1, 403));
		rows.add(row("GET", deliveries, null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", deliveries, null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/api/v1/webhooks/deliveries", null, "program admin, their programs", ADMIN_B, 200));
		// the audit query
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, own program", ADMIN_A, 200));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "program admin, other program", ADMIN_B, 404));
		rows.add(row("GET", "/api/v1/audit?programId=program-a", null, "clinician", CLINICIAN_A1, 403));
		// tokens that are not valid at all
		String alerts = "/api/v1/alerts";
		rows.add(row("GET", alerts, null, "expired token", TestTokens.expired("clinician-a1", "program-a"), 401));
		rows.add(row("GET", alerts, null, "token signed by another key", TestTokens.forged("clinician-a1", "program-a"),
				401));
		rows.add(row("GET", alerts, null, "token from another issuer",
				TestTokens.otherIssuer("clinician-a1", "program-a"), 401));
		rows.add(row("GET", alerts, null, "unknown role only",
				TestTokens.withRoles("someone", List.of("superuser"), "program-a"), 403));
		rows.add(row("GET", "/api/v1/nothing-here", null, "program admin", ADMIN_A, 403));
		rows.add(row("GET", "/actuator/health", null, "no token", NONE, 200));
		rows.add(row("GET", "/actuator/env", null, "no token", NONE, 401));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {3}: {5}")
	@MethodSource("matrix")
	void eachEndpointAnswersEachCallerAsAgreed(String method, String path, String body, String who, String token,
			int expected) throws Exception {
		Answer answer = send(method, path, token, body);

		assertThat(answer.status()).as("%s %s as %s: %s", method, path, who, answer.body()).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat(answer.body()).doesNotContain(A1, A2, N, B);
		}
	}

	@Test
	void listsShowEachCallerOnlyTheAlertsTheyMaySee() throws Exception {
		assertThat(patientsListed(CLINICIAN_A1)).contains(A1, N).doesNotContain(A2, B);
		assertThat(patientsListed(CLINICIAN_A2)).contains(A2, N).doesNotContain(A1, B);
		assertThat(patientsListed(ADMIN_A)).contains(A1, A2, N).doesNotContain(B);
		assertThat(patientsListed(CLINICIAN_B1)).contains(B).doesNotContain(A1, A2, N);
		assertThat(JSON.readTree(send("GET", "/api/v1/alerts?programId=program-b", CLINICIAN_A1, null).body()))
			.isEmpty();
	}

	@Test
	void aClinicianStreamCarriesOnlyTheirPatientsAndEveryDeliveryIsAudited() throws Exception {
		HttpResponse<InputStream> stream = this.http.send(
				request("/api/v1/alerts/stream", CLINICIAN_A2).header("Accept", "text/event-stream").GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
			assertThat(lines.readLine()).isEqualTo(":connected");
			CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> firstAlert(lines));
			// A1's alert changes first (not clinician-a2's patient), then A2's
			int before = changesOf(A1);
			TestEvents.publish(safetyPhq9("program-a", A1, 3));
			await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(A1) > before);
			TestEvents.publish(safetyPhq9("program-a", A2, 3));

			JsonNode alert = first.get(20, TimeUnit.SECONDS);
			assertThat(alert.get("patientId").asString()).isEqualTo(A2);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A2))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("clinician-a2", "alert.stream", AuditOutcome.ALLOWED)));
			assertThat(audited(probe, A1)).extracting(AuditRecorded::actor).doesNotContain("clinician-a2");
		}
		finally {
			stream.body().close();
		}
	}

	@Test
	void readsAndDeniedAttemptsAreAuditedInTheStoreAndOnTheAuditTopic() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			assertThat(send("GET", "/api/v1/patients/" + A2 + "/timeline", CLINICIAN_A2, null).status()).isEqualTo(200);
			assertThat(send("GET", "/api/v1/alerts?patientId=" + A2, CLINICIAN_A1, null).body()).isEqualTo("[]");
			assertThat(send("GET", "/api/v1/patients/" + A2 + "/timeline", CLINICIAN_B1, null).body()).isEqualTo("[]");
			assertThat(send("GET", "/api/v1/alerts?patientId=" + A2, ADMIN_A, null).status()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A2))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("clinician-a2", "timeline.read", AuditOutcome.ALLOWED),
							tuple("clinician-a1", "alert.read", AuditOutcome.DENIED),
							tuple("clinician-b1", "timeline.read", AuditOutcome.DENIED),
							tuple("admin-program-a", "alert.read", AuditOutcome.ALLOWED)));
			assertThat(audited(probe, A2)).allSatisfy((event) -> {
				assertThat(event.service()).isEqualTo("alert-service");
				assertThat(event.programId()).isEqualTo("program-a");
			});
		}
		JsonNode records = JSON
			.readTree(send("GET", "/api/v1/audit?programId=program-a&patientId=" + A2, ADMIN_A, null).body());
		assertThat(records.valueStream().map((r) -> r.get("actor").asString() + "/" + r.get("outcome").asString()))
			.contains("clinician-a2/ALLOWED", "clinician-a1/DENIED", "clinician-b1/DENIED");
	}

	@Test
	void whoAcknowledgedIsTheCallerNeverTheBody() throws Exception {
		String id = this.alerts.findByPatientIdOrderByRaisedAtDesc(B).getFirst().id();
		JsonNode acknowledged = JSON
			.readTree(send("POST", "/api/v1/alerts/" + id + "/acknowledge", CLINICIAN_B1, "{\"by\":\"clinician-a1\"}")
				.body());
		assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
		assertThat(acknowledged.get("history")
			.valueStream()
			.filter((step) -> step.get("change").asString().equals("ACKNOWLEDGED"))
			.map((step) -> step.get("by").asString())).containsExactly("clinician-b1");
	}

	private List<String> patientsListed(String token) throws Exception {
		Answer answer = send("GET", "/api/v1/alerts", token, null);
		assertThat(answer.status()).isEqualTo(200);
		return JSON.readTree(answer.body()).valueStream().map((alert) -> alert.get("patientId").asString()).toList();
	}

	private List<String> careTeam(String patient) {
		return this.careTeams.findById(patient).map(CareTeam::members).orElse(List.of());
	}

	private int changesOf(String patient) {
		return this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)
			.stream()
			.mapToInt((alert) -> alert.history().size())
			.sum();
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.filter(AuditRecorded.class::isInstance)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private static JsonNode firstAlert(BufferedReader lines) {
		try {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("data:")) {
					return JSON.readTree(line.substring(5));
				}
			}
			throw new AssertionError("stream ended");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static EventEnvelope<PlanChanged> plan(String program, String patient, String clinician) {
		return EventEnvelope.of("/test",
				new PlanChanged("plan-" + patient, program, patient, 1, new LevelOfCare("2.1", 4), false,
						new BigDecimal("9"), 3, List.of(clinician), PlanMode.AUTOMATIC, false, LocalDate.of(2026, 3, 1),
						ChangeDirection.ENROLLED, "system", List.of(), "test", AT),
				Instant.now());
	}

	static EventEnvelope<AssessmentScored> safetyPhq9(String program, String patient, int item9) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", item9);
		Instant taken = AT.plusSeconds(item9);
		return EventEnvelope.of("/test",
				new AssessmentScored("assessment-" + System.nanoTime(), program, patient, Instrument.PHQ9, items,
						8 + item9, Map.of(), "mild", List.of(), (item9 >= 2) ? SafetyLevel.CRITICAL : SafetyLevel.HIGH,
						Set.of(), taken, taken),
				Instant.now());
	}

	private static Arguments row(String method, String path, String body, String who, String token, int expected) {
		return Arguments.of(method, path, body, who, token, expected);
	}

	record Answer(int status, String contentType, String body) {
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	/**
	 * The one place requests are built: the token (if any) as a bearer header. A stream
	 * that opens is closed after its first line.
	 */
	private Answer send(String method, String path, String token, String body) {
		HttpRequest.Builder request = request(path, token).method(method,
				(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<InputStream> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			try (InputStream in = response.body()) {
				String text = contentType.startsWith("text/event-stream")
						? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine()
						: new String(in.readAllBytes(), StandardCharsets.UTF_8);
				return new Answer(response.statusCode(), contentType, text);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
