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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.simulator.drive.TokenSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency tool against a JDK HttpServer standing in for assessment-service,
 * plan-service and alert-service: it answers every POST 201 (503 for the priming
 * check-ins a test has it refuse) and, 30 ms after a PHQ-9 with item 9 >= 2, sends a
 * SAFETY alert for that patient on the open SSE stream (plus an unrelated alert for every
 * check-in without use, which must not be matched). A check-in with use is, 30 ms later,
 * a SUBSTANCE_USE alert on the patient's first use day (in the program's zone) and a
 * RELAPSE_RISK alert once there are two, like plan-service's rule.
 */
class LatencyBenchTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long ALERT_DELAY_MS = 30;

	private static final ZoneId ZONE = ZoneId.of("America/Chicago");

	private HttpServer server;

	private final List<OutputStream> streams = new CopyOnWriteArrayList<>();

	private final List<String> streamQueries = new CopyOnWriteArrayList<>();

	private final List<JsonNode> checkIns = new CopyOnWriteArrayList<>();

	private final List<JsonNode> assessments = new CopyOnWriteArrayList<>();

	private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<LocalDate>> useDays = new ConcurrentHashMap<>();

	/**
	 * Patients (by the end of their id) whose check-ins with use 2 days back are refused.
	 */
	private final Set<String> refusePriming = ConcurrentHashMap.newKeySet();

	/** Patients (by the end of their id) whose first use day raises no alert. */
	private final Set<String> silentPriming = ConcurrentHashMap.newKeySet();

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
			String patient = body.path("patientId").asString();
			if (!body.path("usedSinceLastCheckIn").asBoolean()) {
				answer(exchange, 201);
				alert(patient, "DISENGAGEMENT");
				return;
			}
			boolean priming = Instant.parse(body.path("occurredAt").asString())
				.isBefore(Instant.now().minus(Duration.ofDays(1)));
			if (priming && this.refusePriming.stream().anyMatch(patient::endsWith)) {
				answer(exchange, 503);
				return;
			}
			answer(exchange, 201);
			LocalDate day = LocalDate.ofInstant(Instant.parse(body.path("occurredAt").asString()), ZONE);
			Set<LocalDate> days = this.useDays.computeIfAbsent(patient, (p) -> ConcurrentHashMap.newKeySet());
			days.add(day);
			if (priming && this.silentPriming.stream().anyMatch(patient::endsWith)) {
				return;
			}
			String kind = (days.size() >= 2) ? "RELAPSE_RISK" : "SUBSTANCE_USE";
			later(() -> alert(patient, kind));
		});
		this.server.createContext("/api/v1/assessments", (exchange) -> {
			JsonNode body = read(exchange);
			this.assessments.add(body);
			answer(exchange, 201);
			if (body.path("instrument").asString().equals("PHQ9") && body.path("items").path("9").asInt() >= 2) {
				later(() -> alert(body.path("patientId").asString(), "SAFETY"));
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

	private static void later(Runnable alert) {
		Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(ALERT_DELAY_MS);
				alert.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
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
		// the first 200 ms (20 requests, 2 of them safety submissions) are a warm-up
		LatencyBench.Result result = run(new OpenLoopSchedule(100, Duration.ofSeconds(1), 0.1), Duration.ofSeconds(10));

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
		assertThat(result.relapse().primed()).isZero();
		assertThat(result.relapse().sent()).isZero();
		assertThat(result.render()).contains("achieved", "p99", "check-in 201", "8 of 8 alerted",
				"Relapse path: off (--relapse-fraction 0)", "(0 of 0 alerted)", "target p99 <= 250 ms: not measured");
	}

	@Test
	void measuresTheRelapsePathFromPrimedPatientsToTheirRelapseRiskAlert() throws Exception {
		// 10 relapse patients (requests 9, 19, ... 99; 9 and 19 in the warm-up) and 10
		// safety
		// ones (4, 14, ... 94); request 99's priming is refused, request 89's raises no
		// alert, so the wait for it runs into the (short) timeout
		this.refusePriming.add("-r000099");
		this.silentPriming.add("-r000089");
		Instant before = Instant.now();
		LatencyBench.Result result = run(new OpenLoopSchedule(100, Duration.ofSeconds(1), 0.1, 0.1),
				Duration.ofSeconds(1));

		LatencyBench.Relapse relapse = result.relapse();
		assertThat(relapse.primed()).isEqualTo(10);
		assertThat(relapse.primeAnswers()).containsExactly(Map.entry("201", 9L), Map.entry("503", 1L));
		assertThat(relapse.accepted()).isEqualTo(9);
		assertThat(relapse.confirmed()).isEqualTo(8);
		// measured: the 8 after the warm-up but the one whose priming was refused
		assertThat(relapse.sent()).isEqualTo(7);
		assertThat(relapse.matched()).isEqualTo(7);
		assertThat(relapse.latency().getTotalCount()).isEqualTo(7);
		assertThat(relapse.latency().getMinValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
		assertThat(relapse.toRaised().getTotalCount()).isEqualTo(7);
		assertThat(relapse.raisedToStream().getTotalCount()).isEqualTo(7);
		assertThat(relapse.toRaised().getMinValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(29));
		// the safety path beside it, as before
		assertThat(result.safetySent()).isEqualTo(8);
		assertThat(result.alertsMatched()).isEqualTo(8);
		assertThat(result.outcomes()).containsEntry("check-in with use (relapse) 201", 10L)
			.containsEntry("assessment PHQ9 (item 9 = 2) 201", 10L);
		// priming is not part of the load's answers
		assertThat(result.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);

		List<JsonNode> withUse = this.checkIns.stream()
			.filter((c) -> c.path("usedSinceLastCheckIn").asBoolean())
			.toList();
		assertThat(withUse).hasSize(20).allSatisfy((c) -> {
			assertThat(c.path("patientId").asString()).matches("lat[0-9a-z]+-r0000[0-9]9");
			assertThat(c.path("substances").get(0).asString()).isEqualTo("alcohol");
		});
		// each relapse patient: first a check-in with use 2 days back, then one just now
		Map<String, List<Instant>> byPatient = withUse.stream()
			.collect(Collectors.groupingBy((c) -> c.path("patientId").asString(),
					Collectors.mapping((c) -> Instant.parse(c.path("occurredAt").asString()), Collectors.toList())));
		assertThat(byPatient).hasSize(10).allSatisfy((patient, times) -> {
			assertThat(times).hasSize(2);
			assertThat(times.get(0)).isBetween(before.minus(Duration.ofDays(2)).minusMillis(1),
					Instant.now().minus(Duration.ofDays(2)));
			assertThat(times.get(1)).isBetween(before.minusSeconds(1).minusMillis(1), Instant.now());
		});
		assertThat(result.render())
			.contains("Relapse priming: 10 patients sent a check-in with use 2 days back",
					"(answers 201: 9, 503: 1); 9 accepted, 8 confirmed by an alert on the stream within 1 s",
					"and relapse check-ins with use 7 (10.0% of requests)",
					"Relapse path, intended send -> RELAPSE_RISK alert on the SSE stream (7 of 7 alerted):")
			.containsPattern("target p99 <= 250 ms: (met|missed)");
	}

	private LatencyBench.Result run(OpenLoopSchedule schedule, Duration primeTimeout) throws Exception {
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		LatencyBench.Config config = new LatencyBench.Config(base, base, schedule, Duration.ofMillis(200),
				"program-bench", 5, Duration.ofSeconds(10), 50, primeTimeout);
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build()) {
			LatencyBench.Result result = new LatencyBench(config, http, TokenSource.NONE, TokenSource.NONE).run();
			http.shutdownNow();
			return result;
		}
	}

	@Test
	void relapseCheckInsReportUseOnTwoClinicalDays() {
		Instant now = Instant.parse("2026-12-02T15:30:00.123456Z");
		Map<String, Object> priming = LatencyBench.primingCheckIn("lat-r000019", "program-a", now);
		Map<String, Object> measured = LatencyBench.relapseCheckIn("lat-r000019", "program-a", now);
		for (Map<String, Object> body : List.of(priming, measured)) {
			assertThat(body).containsEntry("patientId", "lat-r000019")
				.containsEntry("programId", "program-a")
				.containsEntry("usedSinceLastCheckIn", true)
				.containsEntry("substances", List.of("alcohol"))
				.containsKeys("mood", "sleepHours", "stress", "medicationTakenAsPrescribed");
			// below the craving threshold: only the use days make the risk HIGH
			assertThat((Integer) body.get("craving")).isLessThan(7);
		}
		assertThat(priming).containsEntry("occurredAt", "2026-11-30T15:30:00.123Z");
		assertThat(measured).containsEntry("occurredAt", "2026-12-02T15:29:59.123Z");
		// two clinical days in program-a's zone, neither at a boundary
		LocalDate first = LocalDate.ofInstant(Instant.parse((String) priming.get("occurredAt")), ZONE);
		LocalDate second = LocalDate.ofInstant(Instant.parse((String) measured.get("occurredAt")), ZONE);
		assertThat(first).isEqualTo(second.minusDays(2));
	}

	@Test
	void eachKindOfRequestIsItsOwnSubmission() {
		URI base = URI.create("http://127.0.0.1:1");
		LatencyBench bench = new LatencyBench(
				new LatencyBench.Config(base, base, new OpenLoopSchedule(100, Duration.ofSeconds(1), 0.1, 0.1),
						Duration.ZERO, "program-a", 5, Duration.ZERO, 50, Duration.ZERO),
				HttpClient.newHttpClient(), TokenSource.NONE, TokenSource.NONE);
		LatencyBench.Submission relapse = bench.submission(19, OpenLoopSchedule.Kind.RELAPSE, "run1");
		assertThat(relapse.path()).isEqualTo("/api/v1/check-ins");
		assertThat(relapse.patientId()).isEqualTo("latrun1-r000019")
			.isEqualTo(LatencyBench.relapsePatientId("run1", 19));
		assertThat(relapse.kind()).isEqualTo(OpenLoopSchedule.Kind.RELAPSE);
		assertThat(relapse.body()).containsEntry("usedSinceLastCheckIn", true)
			.containsEntry("substances", List.of("alcohol"));
		assertThat(Instant.parse((String) relapse.body().get("occurredAt"))).isBetween(Instant.now().minusSeconds(2),
				Instant.now());
		LatencyBench.Submission safety = bench.submission(9, OpenLoopSchedule.Kind.SAFETY, "run1");
		assertThat(safety.patientId()).isEqualTo("latrun1-s000009");
		assertThat(safety.path()).isEqualTo("/api/v1/assessments");
		LatencyBench.Submission ordinary = bench.submission(10, OpenLoopSchedule.Kind.ORDINARY, "run1");
		assertThat(ordinary.patientId()).isEqualTo("latrun1-p0000");
		assertThat(ordinary.body()).containsEntry("usedSinceLastCheckIn", false).containsEntry("substances", List.of());
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
	void readsTheRelapseRiskPatientOfAnAlertEventOnly() {
		String alert = """
				{"id":"x","programId":"p","patientId":"lat-r000029","kind":"RELAPSE_RISK","severity":"HIGH",
				"status":"OPEN","raisedAt":"2026-12-01T10:00:00.250Z"}""";
		SseParser.Event relapse = new SseParser.Event("alert", "x", alert);
		assertThat(LatencyBench.relapseRiskPatient(relapse)).contains("lat-r000029");
		assertThat(LatencyBench.safetyPatient(relapse)).isEmpty();
		assertThat(LatencyBench.streamAlert(relapse)).hasValueSatisfying((a) -> {
			assertThat(a.answers()).isEqualTo(OpenLoopSchedule.Kind.RELAPSE);
			assertThat(a.raisedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00.250Z"));
		});
		// one use day raises SUBSTANCE_USE: the priming's alert, not the relapse path's
		SseParser.Event use = new SseParser.Event("alert", "x", alert.replace("\"RELAPSE_RISK\"", "\"SUBSTANCE_USE\""));
		assertThat(LatencyBench.relapseRiskPatient(use)).isEmpty();
		assertThat(LatencyBench.streamAlert(use)).hasValueSatisfying((a) -> {
			assertThat(a.patientId()).isEqualTo("lat-r000029");
			assertThat(a.answers()).isEqualTo(OpenLoopSchedule.Kind.ORDINARY);
		});
		assertThat(LatencyBench
			.relapseRiskPatient(new SseParser.Event("alert", "x", alert.replace("\"RELAPSE_RISK\"", "\"SAFETY\""))))
			.isEmpty();
		assertThat(LatencyBench.relapseRiskPatient(new SseParser.Event("message", "x", alert))).isEmpty();
		assertThat(LatencyBench.relapseRiskPatient(new SseParser.Event("alert", "x", "not json"))).isEmpty();
		assertThat(LatencyBench
			.relapseRiskPatient(new SseParser.Event("alert", "x", alert.replace("\"lat-r000029\"", "\"\"")))).isEmpty();
		assertThat(LatencyBench.streamAlert(new SseParser.Event("alert", "x", "{\"kind\":\"RELAPSE_RISK\"}")))
			.isEmpty();
	}

	@Test
	void rendersTheRelapseBlock() {
		LatencyBench.Relapse met = relapse(Map.of("201", 20L), 20, 19, 18, 18, 18, 100);
		assertThat(met.block()).isEqualTo(String.format(Locale.ROOT,
				"""

						Relapse path, intended send -> RELAPSE_RISK alert on the SSE stream (18 of 18 alerted):
						  p50 %8.1f ms   p90 %8.1f ms   p99 %8.1f ms   max %8.1f ms   (n=18)
						  of which intended send -> the alert's raisedAt (HTTP, outbox relay, Kafka, plan-service, Kafka, alert-service):
						  p50 %8.1f ms   p90 %8.1f ms   p99 %8.1f ms   max %8.1f ms   (n=18)
						  and raisedAt -> arrival on the stream (SSE delivery):
						  no samples
						  target p99 <= 250 ms: met
						""",
				millis(met.latency(), 50), millis(met.latency(), 90), millis(met.latency(), 99),
				met.latency().getMaxValue() / 1e6, millis(met.toRaised(), 50), millis(met.toRaised(), 90),
				millis(met.toRaised(), 99), met.toRaised().getMaxValue() / 1e6));
		assertThat(met.priming(0.05)).isEqualTo("""
				  and relapse check-ins with use 18 (5.0% of requests), for patients primed before the load
				Relapse priming: 20 patients sent a check-in with use 2 days back (answers 201: 20); 19 accepted, \
				18 confirmed by an alert on the stream within 60 s
				""");
		assertThat(relapse(Map.of("201", 5L), 5, 5, 5, 5, 5, 300).block()).contains("(5 of 5 alerted)",
				"target p99 <= 250 ms: missed");
		LatencyBench.Relapse none = relapse(new TreeMap<>(Map.of("201", 5L, "503", 1L)), 6, 5, 0, 5, 0, 0);
		assertThat(none.block()).contains("(0 of 5 alerted):\n  no samples\n", "target p99 <= 250 ms: not measured");
		assertThat(none.priming(0.05)).contains("(answers 201: 5, 503: 1); 5 accepted, 0 confirmed");
		assertThat(none.priming(0)).isEqualTo("Relapse path: off (--relapse-fraction 0)\n");
	}

	/**
	 * Relapse figures: {@code matched} samples from {@code ms} ms up, their raisedAt half
	 * way, none of the stream delivery.
	 */
	private static LatencyBench.Relapse relapse(Map<String, Long> answers, long primed, long accepted, long confirmed,
			long sent, long matched, long ms) {
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
		Histogram toRaised = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
		for (long i = 0; i < matched; i++) {
			latency.recordValue(TimeUnit.MILLISECONDS.toNanos(ms + i));
			toRaised.recordValue(TimeUnit.MILLISECONDS.toNanos(ms / 2 + i));
		}
		return new LatencyBench.Relapse(primed, answers, accepted, confirmed, Duration.ofSeconds(60), sent, matched,
				latency, toRaised, new Histogram(TimeUnit.MINUTES.toNanos(10), 3));
	}

	private static double millis(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1e6;
	}

	@Test
	void phq9ItemsAddUpAndCarryItem9() {
		Map<String, Integer> items = LatencyBench.phq9(7, 2);
		assertThat(items).hasSize(9).containsEntry("9", 2).containsEntry("1", 3).containsEntry("3", 1);
		assertThat(items.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
		assertThat(LatencyBench.phq9(40, 0).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
	}

}
