package org.stepwise.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 item 1: the local stack with two instances of every service on one store and
 * one broker, sharing consumer groups. A patient driven through one instance of
 * attendance-service and assessment-service is seen from the other instance of
 * plan-service and alert-service, and on the live streams of both alert-service
 * instances; the same request sent to both plan-service instances at once makes one plan
 * version and one plan change; each alert is raised once. A killed instance is restarted
 * on its own while its twin serves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

	private static final int INSTANCES = 2;

	private static final String PROGRAM = "program-a";

	private static final String CLINICIAN = "clinician-a1";

	@TempDir
	static Path dataDir;

	static StackOptions options;

	static LocalStack stack;

	static final String PATIENT = "patient-scale-" + System.nanoTime();

	static final HttpClient http = HttpClient.newHttpClient();

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() throws Exception {
		options = TestStacks.onFreePorts(dataDir, INSTANCES);
		stack = new LocalStack(options);
		long started = System.nanoTime();
		stack.start();
		System.out.printf("stack with %d instances of each service up in %d s%n", INSTANCES,
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void everyInstanceServesOnItsOwnPortWithItsOwnLogAndTheBannerListsIt() throws Exception {
		assertThat(options.services()).hasSize(4 * INSTANCES);
		String banner = stack.summary();
		for (ServiceSpec service : options.services()) {
			HttpResponse<String> ready = send(
					HttpRequest.newBuilder(URI.create(base(service) + "/actuator/health/readiness")).build());
			assertThat(ready.statusCode()).as(service.instanceName()).isEqualTo(200);
			assertThat(banner).contains(service.instanceName() + " ").contains(base(service));
			Path log = dataDir.resolve("logs").resolve(service.instanceName() + ".log");
			assertThat(log).as(service.instanceName()).isNotEmptyFile();
			assertThat(Files.readString(log)).as("%s logs its own port", service.instanceName())
				.contains(Integer.toString(service.port()));
		}
		assertThat(banner).contains("2 of each service");
	}

	@Test
	@Order(2)
	void aPatientDrivenThroughOneInstanceIsSeenFromTheOtherAndEachChangeHappensOnce() throws Exception {
		try (TopicProbe plans = TopicProbe.from(bootstrap(), Topics.PLANS);
				TopicProbe alerts = TopicProbe.from(bootstrap(), Topics.ALERTS);
				AlertStream first = AlertStream.open(instance("alert-service", 0), PROGRAM, token(CLINICIAN, "demo"));
				AlertStream second = AlertStream.open(instance("alert-service", 1), PROGRAM,
						token(CLINICIAN, "demo"))) {
			// the same enrolment with the same key to both plan-service instances at once
			String enrolment = """
					{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
					 "weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],"careTeam":["%s"],
					 "mode":"RECOMMEND_ONLY","startDate":"%s"}""".formatted(PATIENT, PROGRAM, CLINICIAN,
					LocalDate.now(ZoneOffset.UTC).minusDays(21));
			List<HttpResponse<String>> enrolled = onBoth("plan-service", "/api/v1/plans", enrolment,
					token("admin-a", "demo"), "enrol-" + PATIENT);
			assertThat(enrolled)
				.allSatisfy((response) -> assertThat(response.statusCode()).as(response.body()).isEqualTo(201));

			// sessions scheduled at one attendance-service instance, the no-shows
			// recorded
			// at the other
			Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS);
			for (int daysAgo : new int[] { 6, 4 }) {
				String session = ingest(instance("attendance-service", 0), "/api/v1/sessions",
						"""
								{"programId":"%s","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
								 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(PROGRAM,
								noon.minus(daysAgo, ChronoUnit.DAYS),
								noon.minus(daysAgo, ChronoUnit.DAYS).plusSeconds(10_800), PATIENT));
				ingest(instance("attendance-service", 1),
						"/api/v1/sessions/" + json.readTree(session).get("id").asString() + "/attendance", """
								{"patientId":"%s","status":"NO_SHOW","minutesAttended":0}""".formatted(PATIENT));
			}
			// a severe PHQ-9 with item 9 above 0 at the second assessment-service: a
			// safety alert on the fast path and a step-up recommendation
			ingest(instance("assessment-service", 1), "/api/v1/assessments", """
					{"patientId":"%s","programId":"%s","instrument":"PHQ9","occurredAt":"%s",
					 "items":{"1":3,"2":3,"3":3,"4":3,"5":2,"6":3,"7":2,"8":1,"9":1}}""".formatted(PATIENT, PROGRAM,
					Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));

			JsonNode stepUp = await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> read(instance("plan-service", 1) + "/api/v1/patients/" + PATIENT + "/recommendations")
					.valueStream()
					.filter((r) -> r.get("kind").asString().equals("STEP_UP")
							&& r.get("status").asString().equals("PENDING"))
					.findFirst()
					.orElse(null), (found) -> found != null);
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> kinds(alertsOf(instance("alert-service", 1))),
						(kinds) -> kinds.containsAll(Set.of("SAFETY", "DISENGAGEMENT", "RECOMMENDATION_STEP_UP")));

			// the clinician approves at both instances at once, one key: one plan change
			List<HttpResponse<String>> approved = onBoth("plan-service",
					"/api/v1/recommendations/" + stepUp.get("recommendationId").asString() + "/approve", "{}",
					token(CLINICIAN, "demo"), "approve-" + PATIENT);
			assertThat(approved).allSatisfy((response) -> {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				assertThat(json.readTree(response.body()).get("plan").get("version").asInt()).isEqualTo(2);
			});

			// and acknowledges the safety alert at both alert-service instances at once
			String safety = alertsOf(instance("alert-service", 0)).stream()
				.filter((a) -> a.get("kind").asString().equals("SAFETY"))
				.findFirst()
				.orElseThrow()
				.get("id")
				.asString();
			List<HttpResponse<String>> acknowledged = onBoth("alert-service",
					"/api/v1/alerts/" + safety + "/acknowledge", "{}", token(CLINICIAN, "demo"), null);
			assertThat(acknowledged)
				.allSatisfy((response) -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200));

			// the plan's step-up reaches alert-service, which routes and resolves the
			// recommendation's alert; then nothing more may come
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> alertsOf(instance("alert-service", 1)).stream()
					.anyMatch((a) -> a.get("kind").asString().equals("RECOMMENDATION_STEP_UP")
							&& a.get("status").asString().equals("RESOLVED")));
			List<EventEnvelope<StepwiseEvent>> planEvents = plans.quietFor(PATIENT, Duration.ofSeconds(5));
			List<EventEnvelope<StepwiseEvent>> alertEvents = alerts.quietFor(PATIENT, Duration.ofSeconds(1));

			// one plan version per change, whichever instance served the request, and one
			// event for each (a redelivery would repeat its event id, not make a new one)
			Map<Integer, Set<String>> planChanges = planEvents.stream()
				.filter((event) -> event.data() instanceof PlanChanged)
				.collect(Collectors.groupingBy((event) -> ((PlanChanged) event.data()).version(),
						Collectors.mapping(EventEnvelope::id, Collectors.toSet())));
			assertThat(planChanges).as("PlanChanged event ids by plan version").containsOnlyKeys(1, 2);
			assertThat(planChanges.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
			assertThat(read(instance("plan-service", 0) + "/api/v1/patients/" + PATIENT + "/plan/history"))
				.extracting((version) -> version.get("version").asInt())
				.containsExactly(1, 2);

			// one alert of each kind, in the store and on the topic
			List<JsonNode> stored = alertsOf(instance("alert-service", 0));
			assertThat(stored.stream().map((a) -> a.get("kind").asString()).toList()).as("alerts of the patient")
				.doesNotHaveDuplicates()
				.contains("SAFETY", "DISENGAGEMENT", "RECOMMENDATION_STEP_UP");
			Map<String, Set<String>> raised = alertEvents.stream()
				.filter((event) -> event.data() instanceof AlertRaised)
				.map((event) -> (AlertRaised) event.data())
				.collect(Collectors.groupingBy(AlertRaised::kind,
						Collectors.mapping(AlertRaised::alertId, Collectors.toSet())));
			assertThat(raised.values()).as("alert ids raised, by kind: %s", raised)
				.allSatisfy((ids) -> assertThat(ids).hasSize(1));
			JsonNode safetyAlert = read(instance("alert-service", 1) + "/api/v1/alerts/" + safety);
			assertThat(safetyAlert.get("status").asString()).isEqualTo("ACKNOWLEDGED");
			assertThat(safetyAlert.get("history")
				.valueStream()
				.filter((t) -> t.get("change").asString().equals("ACKNOWLEDGED"))).hasSize(1);

			// every instance's live stream has the alert, whichever instance raised it
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(List.of(first.alerts(), second.alerts())).allSatisfy(
						(streamed) -> assertThat(streamed).anyMatch((a) -> a.get("id").asString().equals(safety))));
		}
	}

	@Test
	@Order(3)
	void aKilledInstanceIsRestartedOnItsOwnWhileItsTwinServes() throws Exception {
		ServiceProcess twin = process("plan-service");
		ServiceProcess killed = process("plan-service-2");
		ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
		long killedAt = System.nanoTime();
		String plan = "/api/v1/patients/" + PATIENT + "/plan";
		ServiceSpec second = killed.spec();
		HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> {
			ServiceProcess now = process("plan-service-2");
			return now.pid() != killed.pid() && now.ready(quick);
		});
		System.out.printf("plan-service-2 ready again %d s after its SIGKILL%n",
				Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
		assertThat(process("plan-service").pid()).as("its twin was left alone").isEqualTo(twin.pid());
		assertThat(read(base(second) + plan).get("plan").get("version").asInt()).isEqualTo(2);
		assertThat(read(instance("plan-service", 0) + plan).get("plan").get("version").asInt()).isEqualTo(2);
	}

	@Test
	@Order(4)
	void noInstanceLogsThePatient() throws Exception {
		assertThat(TestStacks.logLinesNaming(dataDir, List.of(PATIENT))).isEmpty();
	}

	private static ServiceProcess process(String instanceName) {
		return stack.services()
			.stream()
			.filter((process) -> process.spec().instanceName().equals(instanceName))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The same request to the service's first and second instance at once, with one
	 * Idempotency-Key (none if null).
	 */
	private static List<HttpResponse<String>> onBoth(String service, String path, String body, String token,
			String key) {
		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int k = 0; k < INSTANCES; k++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance(service, k) + path))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (key != null) {
				request.header("Idempotency-Key", key);
			}
			sent.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		return sent.stream().map(CompletableFuture::join).toList();
	}

	private static List<JsonNode> alertsOf(String alertService) throws Exception {
		return read(alertService + "/api/v1/alerts?patientId=" + PATIENT).valueStream().toList();
	}

	private static Set<String> kinds(List<JsonNode> alerts) {
		return alerts.stream().map((a) -> a.get("kind").asString()).collect(Collectors.toSet());
	}

	/** Writes as the ingest client; the body of the 201. */
	private static String ingest(String base, String path, String body) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token("stepwise-ingest", "ingest-secret"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
		return response.body();
	}

	/** Reads as the patient's clinician. */
	private static JsonNode read(String url) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token(CLINICIAN, "demo"))
			.build());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String token(String client, String secret) throws Exception {
		return StackTokens.clientCredentials(http, options.idpPort(), client, secret);
	}

	/** The base URL of instance k (0 for the first) of a service. */
	private static String instance(String service, int k) {
		return options.services()
			.stream()
			.filter((s) -> s.name().equals(service) && s.instance() == k)
			.map(ScaleOutTest::base)
			.findFirst()
			.orElseThrow();
	}

	private static String base(ServiceSpec service) {
		return "http://127.0.0.1:" + service.port();
	}

	private static String bootstrap() {
		return "127.0.0.1:" + options.kafkaPort();
	}

}
