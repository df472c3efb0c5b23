package org.stepwise.alert.webhook;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks to a real local HTTP receiver (JDK HttpServer on a free port): the body is
 * signed with the program's configured secret, a failing receiver is retried with
 * back-off, and the delivery log shows every attempt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class WebhookTest {

	/**
	 * Secrets, back-off (0.3 s) and attempts (3):
	 * src/test/resources/config/application.yml.
	 */
	static final String SECRET = "test-secret-ok";

	static final String PROGRAM = "program-webhook-ok";

	static final String FAILING_PROGRAM = "program-webhook-down";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

	/** Answers 503 to the first request, then 204. */
	static final AtomicInteger REQUESTS = new AtomicInteger();

	static HttpServer receiver;

	record Received(String signature, String delivery, byte[] body) {
	}

	@LocalServerPort
	int port;

	@Autowired
	Programs programs;

	@Autowired
	AlertRepository alerts;

	@Autowired
	MeterRegistry meters;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("X-Stepwise-Signature"),
					exchange.getRequestHeaders().getFirst("X-Stepwise-Delivery"), body));
			exchange.sendResponseHeaders((REQUESTS.incrementAndGet() == 1) ? 503 : 204, -1);
			exchange.close();
		});
		receiver.createContext("/down", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop(0);
	}

	@Test
	void anAlertIsDeliveredSignedToTheProgramsTargetAfterARetry() throws Exception {
		String patient = "patient-" + System.nanoTime();
		publishProgram(PROGRAM, "/hook");

		TestEvents.publish(safetyPhq9(patient, PROGRAM));
		String alertId = alertOf(patient);

		JsonNode delivery = await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries("programId=" + PROGRAM + "&alertId=" + alertId),
					(log) -> log.size() == 1 && log.get(0).get("status").asString().equals("DELIVERED"))
			.get(0);
		assertThat(delivery.get("attempts")).extracting((attempt) -> attempt.get("status").asInt())
			.containsExactly(503, 204);
		assertThat(delivery.get("eventType").asString()).isEqualTo("stepwise.alert.raised.v1");
		assertThat(delivery.has("body")).isFalse();
		assertThat(delivery.toString()).doesNotContain(SECRET);

		List<Received> mine = RECEIVED.stream()
			.filter((received) -> received.delivery().equals(delivery.get("id").asString()))
			.toList();
		assertThat(mine).hasSize(2);
		for (Received received : mine) {
			String expected = WebhookSignature.sign(SECRET, received.body());
			assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
					received.signature().getBytes(StandardCharsets.UTF_8)))
				.isTrue();
			// An independent check of the format: sha256= and 64 lower-case hex digits.
			assertThat(received.signature()).matches("sha256=[0-9a-f]{64}");
			assertThat(received.delivery()).isEqualTo(delivery.get("id").asString());
		}
		JsonNode event = JSON.readTree(mine.get(1).body());
		assertThat(event.get("data").get("patientId").asString()).isEqualTo(patient);
		assertThat(event.get("data").get("severity").asString()).isEqualTo("HIGH");
		assertThat(this.meters.get("stepwise.webhook.deliveries").tag("outcome", "retrying").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("stepwise.webhook.deliveries").tag("outcome", "delivered").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aTargetThatKeepsFailingFailsAfterTheLastAttemptWithBackOffBetween() throws Exception {
		String patient = "patient-" + System.nanoTime();
		publishProgram(FAILING_PROGRAM, "/down");

		TestEvents.publish(safetyPhq9(patient, FAILING_PROGRAM));
		String alertId = alertOf(patient);

		JsonNode delivery = await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries("alertId=" + alertId),
					(log) -> log.size() == 1 && log.get(0).get("status").asString().equals("FAILED"))
			.get(0);
		List<Instant> at = delivery.get("attempts")
			.valueStream()
			.map((a) -> Instant.parse(a.get("at").asString()))
			.toList();
		assertThat(at).hasSize(3);
		// Back-off 0.3 s, then 0.6 s.
		assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		assertThat(this.meters.get("stepwise.webhook.deliveries").tag("outcome", "failed").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void alertEventsOlderThanTheMaximumAgeAreNotDelivered() throws Exception {
		String patient = "patient-" + System.nanoTime();
		publishProgram(FAILING_PROGRAM, "/down");
		String old = "alert-old-" + System.nanoTime();
		String fresh = "alert-fresh-" + System.nanoTime();
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
		TestEvents.publish(EventEnvelope.of("/test", raised(old, patient, twoDaysAgo), twoDaysAgo));
		TestEvents.publish(EventEnvelope.of("/test", raised(fresh, patient, Instant.now()), Instant.now()));

		// Same patient, same partition, in order: once the fresh one is stored, the old
		// one
		// was seen and skipped.
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("alertId=" + fresh), (log) -> log.size() == 1);
		assertThat(deliveries("alertId=" + old)).isEmpty();
	}

	private static AlertRaised raised(String alertId, String patient, Instant at) {
		return new AlertRaised(alertId, FAILING_PROGRAM, patient, "CRAVING", Severity.LOW, "craving 8/10 twice",
				Map.of(), List.of(), List.of(), at);
	}

	private String alertOf(String patient) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty())
			.get(0)
			.id();
	}

	private void publishProgram(String program, String path) {
		String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
		TestEvents.publish(EventEnvelope.of("/test", new ProgramUpdated(program, "Evening IOP", ProgramType.ADDICTION,
				"America/Chicago", "ADULT", Map.of(), null, List.of(target), 1, Instant.now()), Instant.now()));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.programs.find(program).isPresent());
	}

	private List<JsonNode> deliveries(String query) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request("/api/v1/webhooks/deliveries?" + query).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).valueStream().toList();
	}

	/** The one place requests are built: as a program admin of both test programs. */
	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.programAdmin(PROGRAM, FAILING_PROGRAM));
	}

	private static EventEnvelope<AssessmentScored> safetyPhq9(String patient, String program) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", 1);
		Instant taken = Instant.now().minusSeconds(600);
		return EventEnvelope.of(
				"/test", new AssessmentScored("assessment-" + System.nanoTime(), program, patient, Instrument.PHQ9,
						items, 9, Map.of(), "mild", List.of(), SafetyLevel.HIGH, Set.of(), taken, taken),
				Instant.now());
	}

}
