package org.stepwise.simulator.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.simulator.drive.TokenSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency tool against a JDK HttpServer standing in for assessment-service and
 * alert-service: it answers every POST 201 and, 30 ms after a PHQ-9 with item 9 >= 2,
 * sends a SAFETY alert for that patient on the open SSE stream (plus an unrelated alert
 * for every check-in, which must not be matched).
 */
class LatencyBenchTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long ALERT_DELAY_MS = 30;

	private HttpServer server;

	private final List<OutputStream> streams = new CopyOnWriteArrayList<>();

	private final List<String> streamQueries = new CopyOnWriteArrayList<>();

	private final List<JsonNode> checkIns = new CopyOnWriteArrayList<>();

	private final List<JsonNode> assessments = new CopyOnWriteArrayList<>();

	private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/api/v1/alerts/stream", (exchange) -> {
			this.streamQueries.add(exchange.getRequestURI().getRawQuery());
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			write(out, ":connected\n\n");
			this.streams.add(out);
		});
		this.server.createContext("/api/v1/check-ins", (exchange) -> {
			JsonNode body = read(exchange);
			this.checkIns.add(body);
			answer(exchange);
			alert(body.path("patientId").asString(), "DISENGAGEMENT");
		});
		this.server.createContext("/api/v1/assessments", (exchange) -> {
			JsonNode body = read(exchange);
			this.assessments.add(body);
			answer(exchange);
			if (body.path("instrument").asString().equals("PHQ9") && body.path("items").path("9").asInt() >= 2) {
				Thread.ofVirtual().start(() -> {
					try {
						Thread.sleep(ALERT_DELAY_MS);
						alert(body.path("patientId").asString(), "SAFETY");
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private JsonNode read(HttpExchange exchange) throws IOException {
		this.idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
		return JSON.readTree(exchange.getRequestBody().readAllBytes());
	}

	private static void answer(HttpExchange exchange) throws IOException {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(201, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private void alert(String patientId, String kind) {
		String json = JSON.writeValueAsString(Map.of("id", "a-" + patientId + "-" + kind, "patientId", patientId,
				"kind", kind, "severity", "CRITICAL", "status", "OPEN", "raisedAt", Instant.now().toString()));
		this.streams.forEach((out) -> {
			try {
				write(out, "event:alert\nid:a-" + patientId + "\ndata:" + json + "\n\n");
			}
			catch (IOException ex) {
				// the client went away
			}
		});
	}

	private static void write(OutputStream out, String text) throws IOException {
		synchronized (out) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	@Test
	void measuresEveryAlertFromItsIntendedSendTimeAndCountsTheAnswers() throws Exception {
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		OpenLoopSchedule schedule = new OpenLoopSchedule(100, Duration.ofSeconds(1), 0.1);
		// the first 200 ms (20 requests, 2 of them safety submissions) are a warm-up
		LatencyBench.Config config = new LatencyBench.Config(base, base, schedule, Duration.ofMillis(200),
				"program-bench", 5, Duration.ofSeconds(10));
		LatencyBench.Result result;
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build()) {
			result = new LatencyBench(config, http, TokenSource.NONE, TokenSource.NONE).run();
			http.shutdownNow();
		}

		assertThat(this.streamQueries).containsExactly("programId=program-bench");
		assertThat(result.sent()).isEqualTo(100);
		assertThat(result.safetySent()).isEqualTo(8);
		assertThat(result.alertsMatched()).isEqualTo(8);
		assertThat(result.alertLatency().getTotalCount()).isEqualTo(8);
		// from the intended send time, so at least the server's delay
		assertThat(result.alertLatency().getMinValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
		assertThat(result.answerLatency().getTotalCount()).isEqualTo(80);
		// the split at the alert's raisedAt (millisecond wall clock): the server's 30 ms
		// come before it
		assertThat(result.toRaised().getTotalCount()).isEqualTo(8);
		assertThat(result.raisedToStream().getTotalCount()).isEqualTo(8);
		assertThat(result.toRaised().getMinValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(29));
		assertThat(result.raisedToStream().getMaxValue()).isLessThan(result.alertLatency().getMaxValue());
		// SAFETY alerts and the unrelated ones: all read, only the first kind matched
		assertThat(result.streamEvents()).isEqualTo(10 + this.checkIns.size());
		assertThat(result.outcomes()).containsEntry("assessment PHQ9 (item 9 = 2) 201", 10L)
			.containsEntry("check-in 201", 50L);
		assertThat(result.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
		assertThat(result.achievedRate()).isBetween(50.0, 150.0);
		assertThat(this.idempotencyKeys).hasSize(100);

		List<JsonNode> flagged = this.assessments.stream()
			.filter((a) -> a.path("items").path("9").asInt() >= 2)
			.toList();
		assertThat(flagged).hasSize(10);
		assertThat(flagged.stream().map((a) -> a.path("patientId").asString()).distinct()).hasSize(10);
		assertThat(flagged).allSatisfy((a) -> {
			assertThat(a.path("programId").asString()).isEqualTo("program-bench");
			assertThat(a.path("items").size()).isEqualTo(9);
		});
		assertThat(this.checkIns).allSatisfy((c) -> {
			assertThat(c.path("usedSinceLastCheckIn").asBoolean()).isFalse();
			assertThat(c.path("mood").asInt()).isBetween(0, 10);
			assertThat(c.path("occurredAt").asString()).isNotEmpty();
		});
		// the ordinary submissions go to the small pool of patients
		assertThat(this.checkIns.stream().map((c) -> c.path("patientId").asString()).distinct().count())
			.isLessThanOrEqualTo(5);
		assertThat(result.render()).contains("achieved", "p99", "check-in 201", "8 of 8 alerted");
	}

	@Test
	void readsTheSafetyPatientOfAnAlertEventOnly() {
		String alert = """
				{"id":"x","programId":"p","patientId":"lat-s000019","kind":"SAFETY","severity":"CRITICAL",
				"status":"OPEN","values":{"signal":"S1"}}""";
		assertThat(LatencyBench.safetyPatient(new SseParser.Event("alert", "x", alert))).contains("lat-s000019");
		assertThat(LatencyBench.safetyPatient(new SseParser.Event("message", "x", alert))).isEmpty();
		assertThat(LatencyBench
			.safetyPatient(new SseParser.Event("alert", "x", alert.replace("\"SAFETY\"", "\"RELAPSE_RISK\""))))
			.isEmpty();
		assertThat(LatencyBench.safetyPatient(new SseParser.Event("alert", "x", "not json"))).isEmpty();
		assertThat(LatencyBench.raisedAt(new SseParser.Event("alert", "x", alert))).isEmpty();
		assertThat(
				LatencyBench.raisedAt(new SseParser.Event("alert", "x", "{\"raisedAt\":\"2026-12-01T10:00:00.250Z\"}")))
			.contains(Instant.parse("2026-12-01T10:00:00.250Z"));
	}

	@Test
	void phq9ItemsAddUpAndCarryItem9() {
		Map<String, Integer> items = LatencyBench.phq9(7, 2);
		assertThat(items).hasSize(9).containsEntry("9", 2).containsEntry("1", 3).containsEntry("3", 1);
		assertThat(items.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
		assertThat(LatencyBench.phq9(40, 0).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
	}

}
