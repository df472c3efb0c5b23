package org.stepwise.alert.alert;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety fast path on the real broker and database: a safety-flagged PHQ-9 from
 * assessment-service becomes a CRITICAL alert on the live SSE stream without
 * plan-service; clinicians acknowledge and resolve it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class SafetyFastPathTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	Programs programs;

	@BeforeEach
	void authorize() {
		// clinician-7 of program-a (the patients here have no care team yet, so the
		// program's clinicians see them): these tests are about behaviour, the access
		// matrix is tested on its own. Who acknowledges is the token's clinician, the
		// body's "by" is ignored.
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(),
				TestTokens.clinician("clinician-7", "program-a"));
	}

	@Test
	void aSafetyFlaggedPhq9BecomesACriticalAlertOnTheStream() throws Exception {
		String patient = "patient-" + System.nanoTime();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.io.InputStream> stream = client.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/alerts/stream?programId=program-a"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + TestTokens.operator("program-a"))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
		assertThat(lines.readLine()).isEqualTo(":connected");
		CompletableFuture<JsonNode> received = CompletableFuture.supplyAsync(() -> firstAlertFor(lines, patient));

		TestEvents.publish(phq9(patient, 2));

		JsonNode alert = received.get(20, TimeUnit.SECONDS);
		assertThat(alert.get("kind").asString()).isEqualTo("SAFETY");
		assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
		assertThat(alert.get("status").asString()).isEqualTo("OPEN");
		assertThat(alert.get("evidence").asString()).startsWith("PHQ-9 item 9 = 2 on ");
		stream.body().close();
	}

	@Test
	void newEvidenceUpdatesTheOpenAlertAndCliniciansAcknowledgeAndResolveIt() throws Exception {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(phq9(patient, 1));
			String id = ((AlertRaised) probe.awaitEvents(patient, 1, Duration.ofSeconds(20)).get(0).data()).alertId();
			TestEvents.publish(phq9(patient, 3));
			probe.awaitEvents(patient, 2, Duration.ofSeconds(20));

			JsonNode updated = this.http.getForObject("/api/v1/alerts/{id}", JsonNode.class, id);
			assertThat(updated.get("severity").asString()).isEqualTo("CRITICAL");
			assertThat(this.http.getForObject("/api/v1/alerts?patientId={p}", JsonNode.class, patient)).hasSize(1);

			ResponseEntity<JsonNode> acknowledged = this.http.postForEntity("/api/v1/alerts/{id}/acknowledge",
					Map.of("by", "clinician-7", "note", "Called the patient; safety plan reviewed"), JsonNode.class,
					id);
			ResponseEntity<JsonNode> again = this.http.postForEntity("/api/v1/alerts/{id}/acknowledge",
					Map.of("by", "clinician-7"), JsonNode.class, id);
			JsonNode resolved = this.http.postForObject("/api/v1/alerts/{id}/resolve",
					Map.of("by", "clinician-7", "note", "Crisis line and safety plan in place"), JsonNode.class, id);
			ResponseEntity<JsonNode> late = this.http.postForEntity("/api/v1/alerts/{id}/acknowledge",
					Map.of("by", "clinician-8"), JsonNode.class, id);

			assertThat(acknowledged.getBody().get("status").asString()).isEqualTo("ACKNOWLEDGED");
			assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
			assertThat(resolved.get("history").findValuesAsString("change")).containsExactly("RAISED", "UPDATED",
					"ACKNOWLEDGED", "RESOLVED");
			assertThat(resolved.get("history").get(2).get("by").asString()).isEqualTo("clinician-7");
			assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			List<EventEnvelope<org.stepwise.contracts.StepwiseEvent>> events = probe.awaitEvents(patient, 4,
					Duration.ofSeconds(20));
			assertThat(events.subList(1, 4)).extracting((e) -> ((AlertChanged) e.data()).change())
				.containsExactly("UPDATED", "ACKNOWLEDGED", "RESOLVED");
			assertThat(events.toString()).doesNotContain("safety plan reviewed").doesNotContain("Crisis line");
		}
	}

	private static JsonNode firstAlertFor(BufferedReader lines, String patient) {
		try {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("data:")) {
					JsonNode alert = JSON.readTree(line.substring("data:".length()));
					if (patient.equals(alert.get("patientId").asString())) {
						return alert;
					}
				}
			}
			throw new AssertionError("stream ended");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Issue 18: a PHQ-9 at 21:42 in Chicago is on the 5th there, though it is already the
	 * 6th in UTC; the evidence names the program's day, as plan-service's does.
	 */
	@Test
	void theEvidenceNamesTheDayInTheProgramsTimeZone() {
		String program = "program-tz-" + System.nanoTime();
		String patient = "patient-" + System.nanoTime();
		TestEvents.publish(EventEnvelope.of("/test", new ProgramUpdated(program, "Evening IOP", ProgramType.ADDICTION,
				"America/Chicago", "ADULT", Map.of(), null, List.of(), 1, Instant.now()), Instant.now()));
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.programs.find(program).isPresent());
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 9; i++) {
			items.put(Integer.toString(i), (i == 9) ? 2 : 1);
		}
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(EventEnvelope.of("/test",
					new AssessmentScored("assessment-" + System.nanoTime(), program, patient, Instrument.PHQ9, items,
							10, Map.of(), "mild", List.of(), SafetyLevel.CRITICAL, Set.of(),
							Instant.parse("2026-12-06T03:42:00Z"), Instant.parse("2026-12-06T03:42:01Z")),
					Instant.now()));

			AlertRaised raised = (AlertRaised) probe.awaitEvents(patient, 1, Duration.ofSeconds(20)).get(0).data();
			assertThat(raised.evidence()).isEqualTo("PHQ-9 item 9 = 2 on 2026-12-05");
		}
	}

	private static EventEnvelope<AssessmentScored> phq9(String patient, int item9) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", item9);
		Instant taken = Instant.now().minus(1, ChronoUnit.HOURS).plusSeconds(item9);
		return EventEnvelope.of("/test",
				new AssessmentScored("assessment-" + System.nanoTime(), "program-a", patient, Instrument.PHQ9, items,
						8 + item9, Map.of(), "mild", List.of(), (item9 >= 2) ? SafetyLevel.CRITICAL : SafetyLevel.HIGH,
						Set.of(), taken, Instant.now()),
				Instant.now());
	}

}
