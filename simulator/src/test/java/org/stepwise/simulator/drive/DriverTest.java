package org.stepwise.simulator.drive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepwise.simulator.cohort.Arrivals;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.ScheduledSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver against a real local HTTP server that records every request and answers like
 * the services would (sessions get ids; the same idempotency key gets the same answer).
 */
class DriverTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Cohort COHORT = CohortGenerator.generate(CohortSpec.of(7, 15, 4, LocalDate.of(2026, 9, 7)));

	private final List<Captured> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> sessionIdsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private final AtomicInteger adminTokensIssued = new AtomicInteger();

	private final AtomicInteger failNextCheckIns = new AtomicInteger();

	private HttpServer server;

	private URI base;

	record Captured(String method, String path, Map<String, List<String>> headers, JsonNode body) {

		String header(String name) {
			return this.headers.getOrDefault(name, List.of("")).getFirst();
		}

	}

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] bytes = exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/oauth2/token")) {
			String form = new String(bytes, StandardCharsets.UTF_8);
			String basic = exchange.getRequestHeaders().getFirst("Authorization");
			boolean ingest = basic.equals("Basic c3RlcHdpc2UtaW5nZXN0OmluZ2VzdC1zZWNyZXQ=");
			// the program admin admin-a (password demo) enrols plans
			boolean admin = basic.equals("Basic YWRtaW4tYTpkZW1v");
			boolean valid = form.equals("grant_type=client_credentials") && (ingest || admin);
			String token = admin ? "admin-token-" + this.adminTokensIssued.incrementAndGet()
					: "token-" + this.tokensIssued.incrementAndGet();
			respond(exchange, valid ? 200 : 401,
					valid ? "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}" : "{}");
			return;
		}
		Map<String, List<String>> headers = exchange.getRequestHeaders()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Captured captured = new Captured(exchange.getRequestMethod(), path, headers, JSON.readTree(bytes));
		this.requests.add(captured);
		if (path.equals("/api/v1/check-ins") && this.failNextCheckIns.getAndDecrement() > 0) {
			respond(exchange, 503, "{}");
			return;
		}
		if (path.equals("/api/v1/sessions")) {
			String id = this.sessionIdsByKey.computeIfAbsent(captured.header("Idempotency-key"),
					(key) -> "s" + this.sessionIdsByKey.size());
			respond(exchange, 201, "{\"id\":\"" + id + "\"}");
			return;
		}
		respond(exchange, path.equals("/api/v1/plans") ? 404 : 201, "{}");
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private Driver.Result play(boolean withToken) throws InterruptedException {
		return play(withToken, Duration.ZERO);
	}

	private Driver.Result play(boolean withToken, Duration dayAtLeast) throws InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			TokenSource tokens = withToken ? TokenSource.clientCredentials(http, this.base.resolve("/oauth2/token"),
					"stepwise-ingest", "ingest-secret", Clock.systemUTC()) : TokenSource.NONE;
			TokenSource planTokens = withToken ? TokenSource.clientCredentials(http, this.base.resolve("/oauth2/token"),
					"admin-a", "demo", Clock.systemUTC()) : TokenSource.NONE;
			return new Driver(new Driver.Config(this.base, this.base, this.base, 4, dayAtLeast), http, tokens,
					planTokens, Clock.systemUTC())
				.run(COHORT);
		}
	}

	@Test
	void factByFactSendsEachPatientsFactsOfADayOneRoundAtATimeInTheOrderTheyArrive() throws InterruptedException {
		List<String> calls = new CopyOnWriteArrayList<>();
		Map<String, List<Observations.Observation>> sentByPatientDay = new ConcurrentHashMap<>();
		Driver.Pacing pacing = new Driver.Pacing() {

			@Override
			public boolean factByFact() {
				return true;
			}

			@Override
			public void beforeDay(int day) {
				calls.add("before " + day);
			}

			@Override
			public void afterRound(int day, int round, List<Observations.Observation> sent) {
				calls.add("round " + day + "." + round);
				Set<String> patients = new java.util.HashSet<>();
				for (Observations.Observation fact : sent) {
					// one fact per patient in a round
					assertThat(patients.add(fact.patientId())).isTrue();
					sentByPatientDay.computeIfAbsent(fact.patientId() + "/" + day, (k) -> new CopyOnWriteArrayList<>())
						.add(fact);
				}
			}

		};
		try (HttpClient http = HttpClient.newHttpClient()) {
			new Driver(new Driver.Config(this.base, this.base, this.base, 4), http, TokenSource.NONE, Clock.systemUTC())
				.run(COHORT, pacing);
		}

		Map<String, ScheduledSession> sessions = COHORT.sessionsByKey();
		int multiFactDays = 0;
		for (PatientHistory patient : COHORT.patients()) {
			for (int day = 0; day < COHORT.spec().days(); day++) {
				List<Observations.Observation> expected = Arrivals.ofDay(patient, sessions, day);
				assertThat(sentByPatientDay.getOrDefault(patient.patientId() + "/" + day, List.of()))
					.isEqualTo(expected);
				multiFactDays += (expected.size() > 1) ? 1 : 0;
			}
		}
		assertThat(multiFactDays).isGreaterThan(20);
		// every attendance request carries one patient's record
		long marks = COHORT.patients().stream().mapToLong((p) -> p.attendance().size()).sum();
		List<Captured> attendance = this.requests.stream().filter((r) -> r.path().endsWith("/attendance")).toList();
		assertThat(attendance).hasSize((int) marks)
			.allSatisfy((r) -> assertThat(r.body().path("records").size()).isEqualTo(1));
		assertThat(attendance.stream().map((r) -> r.header("Idempotency-key")).distinct()).hasSize((int) marks);
		// rounds of a day come after its start and each round was answered before the
		// next
		assertThat(calls.getFirst()).isEqualTo("before 0");
		assertThat(calls).contains("before " + (COHORT.spec().days() - 1));
	}

	@Test
	void aClinicalDayLastsAtLeastWhatItIsGiven() throws InterruptedException {
		Driver.Result result = play(false, Duration.ofMillis(10));

		assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(10L * COHORT.spec().days()));
		assertThat(paths("/api/v1/sessions")).hasSize(COHORT.sessions().size());
	}

	@Test
	void sendsEveryGeneratedRecordOnceWithItsShapeAndABearerToken() throws InterruptedException {
		this.failNextCheckIns.set(2);
		Driver.Result result = play(true);

		long checkIns = COHORT.patients().stream().mapToLong((p) -> p.checkIns().size()).sum();
		long assessments = COHORT.patients().stream().mapToLong((p) -> p.assessments().size()).sum();
		assertThat(paths("/api/v1/sessions")).hasSize(COHORT.sessions().size());
		assertThat(this.requests.stream().filter((r) -> r.path().endsWith("/attendance")))
			.hasSize(COHORT.sessions().size());
		// Two 503s were retried with the same key.
		assertThat(paths("/api/v1/check-ins")).hasSize((int) checkIns + 2);
		assertThat(paths("/api/v1/assessments")).hasSize((int) assessments);
		assertThat(paths("/api/v1/plans")).hasSize(COHORT.patients().size());

		assertThat(this.requests).allSatisfy((r) -> {
			assertThat(r.method()).isEqualTo("POST");
			// ingest calls with the ingest client's token, enrolments with the program
			// admin's
			assertThat(r.header("Authorization"))
				.isEqualTo(r.path().equals("/api/v1/plans") ? "Bearer admin-token-1" : "Bearer token-1");
			assertThat(r.header("Content-type")).isEqualTo("application/json");
			assertThat(r.header("Idempotency-key")).startsWith("sim-7-2026-09-07-");
		});
		assertThat(this.tokensIssued).hasValue(1);
		assertThat(this.adminTokensIssued).hasValue(1);
		Set<String> keys = this.requests.stream().map((r) -> r.header("Idempotency-key")).collect(Collectors.toSet());
		assertThat(keys).hasSize(this.requests.size() - 2);

		JsonNode checkIn = paths("/api/v1/check-ins").getFirst().body();
		List<String> checkInNames = List.of("patientId", "programId", "occurredAt", "mood", "craving",
				"usedSinceLastCheckIn", "substances", "sleepHours", "stress", "medicationTakenAsPrescribed",
				"confidence", "highRiskSituation");
		assertThat(checkIn.path("programId").asString()).isEqualTo("program-sim");
		// The early-warning fields (issue 17): the category only with a coming situation.
		List<JsonNode> checkInBodies = paths("/api/v1/check-ins").stream().map(Captured::body).toList();
		assertThat(checkInBodies).allSatisfy((body) -> {
			assertThat(body.path("confidence").asInt(-1)).isBetween(0, 10);
			if (body.path("highRiskSituation").asBoolean()) {
				assertThat(names(body)).containsAll(checkInNames)
					.contains("highRiskCategory")
					.hasSize(checkInNames.size() + 1);
				assertThat(body.path("highRiskCategory").asString()).isIn("PEOPLE", "PLACES", "STRESS", "CELEBRATION",
						"PAIN", "OTHER");
			}
			else {
				assertThat(names(body)).containsExactlyInAnyOrderElementsOf(checkInNames);
			}
		});
		assertThat(checkInBodies).anyMatch((body) -> body.path("highRiskSituation").asBoolean())
			.anyMatch((body) -> !body.path("highRiskSituation").asBoolean());

		JsonNode session = paths("/api/v1/sessions").getFirst().body();
		assertThat(names(session)).containsExactlyInAnyOrder("programId", "sessionType", "modality", "startsAt",
				"endsAt", "facilitatorId", "roster");
		// Attendance goes to the id the server gave, with the whole roster.
		Captured attendance = this.requests.stream()
			.filter((r) -> r.path().equals("/api/v1/sessions/s0/attendance"))
			.findFirst()
			.orElseThrow();
		assertThat(attendance.body().path("records").size()).isEqualTo(session.path("roster").size());
		assertThat(names(attendance.body().path("records").get(0))).containsExactlyInAnyOrder("patientId", "status",
				"minutesAttended");

		List<JsonNode> phq9 = paths("/api/v1/assessments").stream()
			.map(Captured::body)
			.filter((b) -> b.path("instrument").asString().equals("PHQ9"))
			.toList();
		assertThat(phq9).allSatisfy((b) -> assertThat(b.path("items").size()).isEqualTo(9));
		assertThat(paths("/api/v1/assessments").stream().map(Captured::body))
			.filteredOn((b) -> b.path("instrument").asString().equals("UDS"))
			.isNotEmpty()
			.allSatisfy((b) -> {
				assertThat(b.has("items")).isFalse();
				assertThat(b.path("analytes").get(0).has("prescribed")).isTrue();
			});

		JsonNode plan = paths("/api/v1/plans").getFirst().body();
		assertThat(names(plan)).containsExactlyInAnyOrder("programId", "patientId", "levelOfCare", "adolescent",
				"weeklyHours", "sessionsPerWeek", "modalities", "careTeam", "startDate", "mode");
		assertThat(plan.path("levelOfCare").path("code").asString()).isEqualTo("2.1");

		assertThat(result.stats().count(Driver.PLANS, 4)).isEqualTo(COHORT.patients().size());
		assertThat(result.stats().count(Driver.CHECK_INS, 2)).isEqualTo(checkIns);
		assertThat(result.stats().count(Driver.SESSIONS, 2)).isEqualTo(COHORT.sessions().size());
		assertThat(result.stats().table()).contains(Driver.ASSESSMENTS);
	}

	@Test
	void sendsInClinicalOrderAndARerunUsesTheSameKeys() throws InterruptedException {
		Driver.Result first = play(false);
		List<Captured> firstRun = List.copyOf(this.requests);
		assertThat(firstRun).allSatisfy((r) -> assertThat(r.headers()).doesNotContainKey("Authorization"));
		// Day by day: no check-in is sent before one of an earlier day.
		List<String> times = firstRun.stream()
			.filter((r) -> r.path().equals("/api/v1/check-ins"))
			.map((r) -> r.body().path("occurredAt").asString().substring(0, 10))
			.toList();
		assertThat(times).isSorted();

		this.requests.clear();
		play(false);
		assertThat(this.requests.stream().map((r) -> r.header("Idempotency-key")).collect(Collectors.toSet()))
			.isEqualTo(firstRun.stream().map((r) -> r.header("Idempotency-key")).collect(Collectors.toSet()));
		assertThat(this.sessionIdsByKey).hasSize(COHORT.sessions().size());

		long safety = COHORT.patients()
			.stream()
			.map(PatientHistory::truth)
			.filter((t) -> t.safetyEventAt() != null)
			.count();
		assertThat(first.safetySubmittedAt()).hasSize((int) safety);
	}

	private List<Captured> paths(String path) {
		return this.requests.stream().filter((r) -> r.path().equals(path)).toList();
	}

	private static List<String> names(JsonNode node) {
		return node.propertyNames().stream().toList();
	}

}
