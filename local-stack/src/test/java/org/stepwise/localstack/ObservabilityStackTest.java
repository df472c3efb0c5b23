package org.stepwise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observability of the real local stack (a KRaft broker, the durable store and the four
 * services in their own JVMs): one trace id from an HTTP POST through Kafka to the alert;
 * no patient id in any scrape after a realistic flow; and every dashboard panel query and
 * every alert rule evaluated by a real Prometheus scraping the services, naming only
 * metrics that the services expose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityStackTest {

	/**
	 * Counters that Micrometer registers on their first increment and that the flow
	 * cannot provoke within a test (an escalation takes 15 minutes without
	 * acknowledgement; the demo programs have no webhook targets). Each must still be
	 * registered by the services' code: checked against their sources.
	 */
	static final Map<String, String> REGISTERED_ON_FIRST_OCCURRENCE = Map.of("stepwise_alerts_escalated_total",
			"stepwise.alerts.escalated", "stepwise_webhook_deliveries_total", "stepwise.webhook.deliveries",
			"stepwise_alerts_unacknowledged_closed_total", "stepwise.alerts.unacknowledged.closed");

	@TempDir
	static Path dataDir;

	static LocalStack stack;

	static StackOptions options;

	static final String SAFETY_PATIENT = "patient-obs-safety-" + System.nanoTime();

	static final String FLOW_PATIENT = "patient-obs-flow-" + System.nanoTime();

	static final HttpClient http = HttpClient.newHttpClient();

	static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	static final JsonMapper json = JsonMapper.builder().build();

	static final Path root = Promtool.repositoryRoot();

	@BeforeAll
	static void start() throws Exception {
		options = TestStacks.onFreePorts(dataDir);
		stack = new LocalStack(options);
		stack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void theTraceOfAnHttpPostContinuesThroughKafkaIntoTheAlertItRaises() throws Exception {
		HexFormat hex = HexFormat.of();
		SecureRandom random = new SecureRandom();
		String traceId = hex.formatHex(random.generateSeed(16));
		String clientSpan = hex.formatHex(random.generateSeed(8));
		try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.ASSESSMENTS, Topics.ALERTS)) {
			HttpResponse<String> response = send(request(service("assessment-service") + "/api/v1/assessments")
				.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
				.POST(body(phq9(SAFETY_PATIENT, 2))));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

			Map<String, String> traceparents = new HashMap<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (SAFETY_PATIENT.equals(record.key())) {
						Header header = record.headers().lastHeader("traceparent");
						traceparents.putIfAbsent(record.topic(),
								(header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "none");
					}
				}
				return traceparents.containsKey(Topics.ALERTS);
			});
			assertThat(traceparents.get(Topics.ASSESSMENTS)).as("the assessment event carries the request's trace")
				.matches("00-" + traceId + "-[0-9a-f]{16}-01")
				.doesNotContain(clientSpan);
			assertThat(traceparents.get(Topics.ALERTS)).as("alert-service's own event continues the same trace")
				.matches("00-" + traceId + "-[0-9a-f]{16}-01")
				.isNotEqualTo(traceparents.get(Topics.ASSESSMENTS));
		}
		JsonNode alerts = get(service("alert-service") + "/api/v1/alerts?patientId=" + SAFETY_PATIENT);
		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.get("kind").asString()).isEqualTo("SAFETY");
			assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
		});
	}

	@Test
	@Order(2)
	void afterARealisticFlowNoScrapeOfAnyServiceContainsAPatientId() throws Exception {
		Instant monday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(7, ChronoUnit.DAYS).plusSeconds(18 * 3600);
		HttpResponse<String> enrolled = post(service("plan-service") + "/api/v1/plans", """
				{"patientId":"%s","programId":"program-a","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
				 "weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],"careTeam":["clinician-a1"],
				 "mode":"AUTOMATIC","startDate":"%s"}""".formatted(FLOW_PATIENT,
				LocalDate.now(ZoneOffset.UTC).minusDays(7)));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
		recordAttendance(scheduleSession(monday), "NO_SHOW");
		recordAttendance(scheduleSession(monday.plus(2, ChronoUnit.DAYS)), "NO_SHOW");
		assertThat(post(service("assessment-service") + "/api/v1/check-ins", """
				{"patientId":"%s","programId":"program-a","occurredAt":"%s","mood":3,"craving":7,
				 "usedSinceLastCheckIn":true,"substances":["alcohol"],"sleepHours":5.5,"stress":8,
				 "medicationTakenAsPrescribed":false}""".formatted(FLOW_PATIENT,
				Instant.now().minus(2, ChronoUnit.HOURS)))
			.statusCode()).isEqualTo(201);
		// PHQ-9 24 ("severe") with item 9 = 0: plan-service recommends a step up
		// (docs/clinical-rules.md section 4)
		assertThat(post(service("assessment-service") + "/api/v1/assessments",
				"""
						{"patientId":"%s","programId":"program-a","instrument":"PHQ9","occurredAt":"%s",
						 "items":{"1":3,"2":3,"3":3,"4":3,"5":3,"6":3,"7":3,"8":3,"9":0}}""".formatted(FLOW_PATIENT,
						Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)))
			.statusCode()).isEqualTo(201);
		assertThat(post(service("attendance-service") + "/api/v1/sessions/no-such-session/attendance", """
				{"patientId":"%s","status":"ATTENDED","minutesAttended":-5}""".formatted(FLOW_PATIENT)).statusCode())
			.as("bad input is rejected (and counted)")
			.isEqualTo(400);

		JsonNode disengagement = awaitAlert(FLOW_PATIENT, "DISENGAGEMENT");
		JsonNode safety = awaitAlert(SAFETY_PATIENT, "SAFETY");
		String clinician = "{\"note\":\"called the patient\"}";
		assertThat(post(service("alert-service") + "/api/v1/alerts/" + safety.get("id").asString() + "/acknowledge",
				clinician)
			.statusCode()).isEqualTo(200);
		assertThat(post(service("alert-service") + "/api/v1/alerts/" + disengagement.get("id").asString() + "/resolve",
				clinician)
			.statusCode()).isEqualTo(200);
		// A record no service can read: dead-lettered by each consumer of the topic, and
		// counted.
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.ATTENDANCE, "poison", "{not json")).get(10, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> scrape("plan-service").contains("stepwise_events_dead_lettered_total"));
		// the plan's metrics: its enrolment, the step-up recommendation, and the census
		// gauge (recounted every 30 s)
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String plan = scrape("plan-service");
			assertThat(plan).contains("stepwise_plan_changes_total{")
				.contains("stepwise_plan_recommendations_total{")
				.contains("stepwise_patients{");
		});

		assertThat(scrape("alert-service").lines()
			.filter((line) -> line.startsWith("stepwise_alerts_time_to_acknowledge_seconds_bucket{"))
			.toList()).as("time to acknowledge has buckets at the acknowledgement targets")
			.anyMatch((line) -> line.contains("le=\"900.0\""))
			.anyMatch((line) -> line.contains("le=\"86400.0\""))
			.anyMatch((line) -> line.contains("le=\"259200.0\""));
		for (ServiceSpec service : options.services()) {
			String scrape = scrape(service.name());
			assertThat(scrape).as(service.name() + " scrape").contains("stepwise_events_");
			for (String patient : List.of(SAFETY_PATIENT, FLOW_PATIENT)) {
				assertThat(scrape).as(service.name() + " scrape must not name a patient").doesNotContain(patient);
			}
			assertThat(scrape).as(service.name() + " scrape").doesNotContain("patient-obs");
		}
	}

	@Test
	@Order(4)
	void noServiceLogLineNamesAPatientOfTheseFlows() throws Exception {
		assertThat(TestStacks.logLinesNaming(dataDir, List.of(SAFETY_PATIENT, FLOW_PATIENT))).isEmpty();
	}

	@Test
	@Order(3)
	void everyDashboardQueryAndRuleRunsOnRealPrometheusAndNamesOnlyExposedMetrics(@TempDir Path prometheusDir)
			throws Exception {
		Path prometheus = Promtool.binary("prometheus");
		Set<String> exposed = new TreeSet<>();
		for (ServiceSpec service : options.services()) {
			exposed.addAll(metricNames(scrape(service.name())));
		}
		int port = TestStacks.freePort();
		Path config = prometheusDir.resolve("prometheus.yml");
		Files.writeString(config, prometheusConfig());
		Promtool.run(prometheusDir, "check", "config", config.toString());
		Process process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + prometheusDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(prometheusDir.resolve("prometheus.log").toFile())
			.start();
		String base = "http://127.0.0.1:" + port;
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> send(HttpRequest.newBuilder(URI.create(base + "/-/ready"))).statusCode() == 200);
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				List<String> health = new ArrayList<>();
				get(base + "/api/v1/targets").path("data")
					.path("activeTargets")
					.forEach((target) -> health.add(target.path("labels").path("job").asString() + " "
							+ target.path("health").asString() + " " + target.path("lastError").asString()));
				assertThat(health).as("every service and the identity provider are scraped")
					.hasSize(5)
					.allMatch((t) -> t.contains(" up "));
			});

			Map<String, String> expressions = new LinkedHashMap<>();
			expressions.putAll(dashboardExpressions());
			expressions.putAll(ruleExpressions());
			assertThat(expressions).hasSizeGreaterThan(30);
			List<String> problems = new ArrayList<>();
			for (Map.Entry<String, String> entry : expressions.entrySet()) {
				JsonNode result = query(base, entry.getValue());
				if (!"success".equals(result.path("status").asString(""))) {
					problems.add(entry.getKey() + ": " + result.path("error").asString(result.toString()));
				}
				for (String name : PromQl.metricNames(entry.getValue())) {
					if (!exposed.contains(name) && !name.equals("up")
							&& !REGISTERED_ON_FIRST_OCCURRENCE.containsKey(name)) {
						problems.add(entry.getKey() + ": no service exposes " + name);
					}
				}
			}
			assertThat(problems).as("queries that fail or name unexposed metrics").isEmpty();
			for (Map.Entry<String, String> lazy : REGISTERED_ON_FIRST_OCCURRENCE.entrySet()) {
				assertThat(serviceSourcesMention("\"" + lazy.getValue() + "\""))
					.as(lazy.getKey() + " is registered by a service")
					.isTrue();
			}

			// Prometheus loaded every rule of deploy/prometheus/rules and evaluates it
			// without error.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				List<JsonNode> rules = new ArrayList<>();
				get(base + "/api/v1/rules").path("data")
					.path("groups")
					.forEach((group) -> group.path("rules").forEach(rules::add));
				assertThat(rules).hasSize(5)
					.allSatisfy((rule) -> assertThat(rule.path("health").asString()).as(rule.path("name").asString())
						.isEqualTo("ok"));
			});
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static String prometheusConfig() {
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s/deploy/prometheus/rules/*.yml
				scrape_configs:
				""".formatted(root));
		List<ServiceSpec> scraped = new ArrayList<>(options.services());
		scraped.add(options.identityProvider());
		for (ServiceSpec service : scraped) {
			config.append("""
					  - job_name: stepwise-%s
					    metrics_path: /actuator/prometheus
					    static_configs:
					      - targets: ["127.0.0.1:%d"]
					""".formatted(service.name(), service.port()));
		}
		return config.toString();
	}

	/** Every panel target of every dashboard, keyed by where it is. */
	private static Map<String, String> dashboardExpressions() throws IOException {
		Map<String, String> expressions = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(root.resolve("deploy/grafana/dashboards"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode dashboard = json.readTree(Files.readString(file));
				for (JsonNode panel : dashboard.path("panels")) {
					for (JsonNode target : panel.path("targets")) {
						expressions.put(file.getFileName() + " '" + panel.path("title").asString() + "' "
								+ target.path("refId").asString(), target.path("expr").asString());
					}
				}
			}
		}
		return expressions;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> ruleExpressions() throws IOException {
		Map<String, String> expressions = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(root.resolve("deploy/prometheus/rules"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).sorted().toList()) {
				Map<String, Object> rules = new Yaml().load(Files.readString(file));
				for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
					for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
						expressions.put(file.getFileName() + " " + rule.getOrDefault("alert", rule.get("record")),
								rule.get("expr").toString());
					}
				}
			}
		}
		return expressions;
	}

	private static Set<String> metricNames(String scrape) {
		return scrape.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

	private static boolean serviceSourcesMention(String text) throws IOException {
		for (String service : List.of("attendance-service", "assessment-service", "plan-service", "alert-service",
				"platform")) {
			try (Stream<Path> files = Files.walk(root.resolve(service).resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					if (Files.readString(file).contains(text)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static JsonNode query(String base, String expression) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(
				URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8))));
		return json.readTree(response.body());
	}

	private static KafkaConsumer<String, byte[]> consumer(String... topics) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			for (PartitionInfo info : consumer.partitionsFor(topic)) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	private static String phq9(String patient, int item9) {
		return """
				{"patientId":"%s","programId":"program-a","instrument":"PHQ9","occurredAt":"%s",
				 "items":{"1":2,"2":2,"3":2,"4":2,"5":2,"6":2,"7":1,"8":1,"9":%d}}""".formatted(patient,
				Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), item9);
	}

	private static JsonNode awaitAlert(String patient, String kind) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode alerts = get(service("alert-service") + "/api/v1/alerts?patientId=" + patient + "&kind=" + kind);
			return alerts.isEmpty() ? null : alerts.get(0);
		}, (alert) -> alert != null);
	}

	private static String scheduleSession(Instant start) throws Exception {
		HttpResponse<String> response = post(service("attendance-service") + "/api/v1/sessions", """
				{"programId":"program-a","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
				 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(start, start.plus(3, ChronoUnit.HOURS),
				FLOW_PATIENT));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body()).get("id").asString();
	}

	private static void recordAttendance(String sessionId, String status) throws Exception {
		assertThat(post(service("attendance-service") + "/api/v1/sessions/" + sessionId + "/attendance", """
				{"patientId":"%s","status":"%s","minutesAttended":0}""".formatted(FLOW_PATIENT, status)).statusCode())
			.isEqualTo(201);
	}

	private static String scrape(String service) throws Exception {
		HttpResponse<String> response = send(request(service(service) + "/actuator/prometheus"));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String service(String name) {
		return options.services()
			.stream()
			.filter((s) -> s.name().equals(name))
			.map((s) -> "http://127.0.0.1:" + s.port())
			.findFirst()
			.orElseThrow();
	}

	private static String bootstrap() {
		return "127.0.0.1:" + options.kafkaPort();
	}

	private static JsonNode get(String url) throws Exception {
		HttpResponse<String> response = send(request(url));
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> post(String url, String body) throws Exception {
		return send(request(url).POST(body(body)));
	}

	/**
	 * The one place requests to the services are built: the ingest client writes to
	 * attendance and assessment, program-a's admin does the rest (the stack's tokens).
	 */
	private static HttpRequest.Builder request(String url) throws Exception {
		boolean ingest = url.startsWith(service("attendance-service")) || url.startsWith(service("assessment-service"));
		String token = ingest ? tokens.computeIfAbsent("ingest", (k) -> token("stepwise-ingest", "ingest-secret"))
				: tokens.computeIfAbsent("admin", (k) -> token("admin-a", "demo"));
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token);
	}

	private static String token(String client, String secret) {
		try {
			return StackTokens.clientCredentials(http, options.idpPort(), client, secret);
		}
		catch (Exception ex) {
			throw new IllegalStateException("no token from the identity provider", ex);
		}
	}

	private static HttpRequest.BodyPublisher body(String body) {
		return HttpRequest.BodyPublishers.ofString(body);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
