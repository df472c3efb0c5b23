package org.stepwise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.testsupport.TopicProbe;

import static org.awaitility.Awaitility.await;

/**
 * Issue 20 item 6, the short chaos run: two instances of every service while a seeded
 * cohort is driven through their APIs with Idempotency-Keys and retries, one service
 * instance is killed by SIGKILL (the launcher restarts it), the broker restarts, and
 * poison records land in a consumed topic. Then: every acknowledged write is found, no
 * patient has two alerts of a kind, no plan version was made twice, the poison is in the
 * dead-letter topic with its original bytes.
 * <p>
 * It must fail when a guarantee is switched off: {@code -Dstepwise.chaos.fault=
 * unguarded-patient-writes} runs plan-service's patient writes without their optimistic
 * lock, and the same lock sent to both plan-service instances at once then makes a plan
 * version twice.
 */
class ChaosTest {

	/** The cohort (bench/chaos.sh runs a bigger one for longer). */
	private static final int PATIENTS = Integer.getInteger("stepwise.chaos.patients", 6);

	/** SIGKILLs of a random service instance, the first after 3 s of traffic. */
	private static final int KILLS = Integer.getInteger("stepwise.chaos.kills", 1);

	/** Seconds between kills: a random pause between this and twice this. */
	private static final int KILL_EVERY = Integer.getInteger("stepwise.chaos.kill-every-seconds", 20);

	private static final long SEED = Long.getLong("stepwise.chaos.seed", 20);

	private static final String PROGRAM = "program-a";

	private static final String CLINICIAN = "clinician-a1";

	private static final String FAULT = System.getProperty("stepwise.chaos.fault", "");

	private static final Duration RETRY_FOR = Duration.ofSeconds(120);

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private StackOptions options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final AtomicInteger retries = new AtomicInteger();

	/** Acknowledged writes by patient: sessions, attendance records, check-ins. */
	private final Map<String, List<String>> sessions = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> attendance = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> checkIns = new ConcurrentHashMap<>();

	@Test
	void underAKillABrokerRestartAndPoisonNothingAcknowledgedIsLostAndNothingHappensTwice() throws Exception {
		this.options = TestStacks.onFreePorts(this.dataDir, 2);
		Map<String, String> env = FAULT.equals("unguarded-patient-writes")
				? Map.of("STEPWISE_CHAOS_UNGUARDEDPATIENTWRITES", "true") : Map.of();
		Random random = new Random(SEED);
		String run = Long.toString(System.nanoTime(), 36);
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add("patient-chaos-" + run + "-" + i);
		}
		try (LocalStack stack = new LocalStack(this.options, env)) {
			stack.start();
			long trafficStarted = System.nanoTime();
			for (String patient : patients) {
				enrol(patient, random);
			}
			// the traffic on a thread of its own; the faults from here, meanwhile
			Random trafficRandom = new Random(random.nextLong());
			CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
				try {
					for (String patient : patients) {
						drive(patient, trafficRandom);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			List<String> faults = new ArrayList<>();
			Thread.sleep(3_000);
			List<byte[]> poison = List.of();
			for (int kill = 0; kill < KILLS && (kill == 0 || !traffic.isDone()); kill++) {
				if (kill > 0) {
					Thread.sleep(1_000L * (KILL_EVERY + random.nextInt(KILL_EVERY + 1)));
				}
				ServiceSpec victim = this.options.services().get(random.nextInt(this.options.services().size()));
				faults.add("SIGKILL " + victim.instanceName() + ": ready again after "
						+ killAndAwaitRestart(stack, victim.instanceName()).toSeconds() + " s");
				if (kill == 0) {
					poison = poison(run);
					faults.add("broker restart: away " + stack.restartBroker().toMillis() + " ms");
				}
			}
			traffic.get();
			Duration trafficTook = Duration.ofNanos(System.nanoTime() - trafficStarted);

			// the effects: every patient's disengagement alert and locked plan
			long settling = System.nanoTime();
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				for (String patient : patients) {
					if (alerts(patient).stream().noneMatch((a) -> a.get("kind").asString().equals("DISENGAGEMENT"))
							|| !read("plan-service", "/api/v1/patients/" + patient + "/plan").get("plan")
								.get("locked")
								.asBoolean()) {
						return false;
					}
				}
				return true;
			});
			Duration settled = Duration.ofNanos(System.nanoTime() - settling);
			// what a duplicate would need to show up: late publishing after the faults
			Thread.sleep(5_000);

			SoftAssertions softly = new SoftAssertions();
			Map<String, String> table = new java.util.LinkedHashMap<>();
			table.put("acknowledged writes / found", assertAcknowledgedWritesFound(softly, patients));
			List<EventEnvelope<StepwiseEvent>> planEvents = events(Topics.PLANS);
			List<EventEnvelope<StepwiseEvent>> alertEvents = events(Topics.ALERTS);
			table.put("events published / distinct (plans, alerts)",
					published(planEvents, patients) + ", " + published(alertEvents, patients));
			table.put("alerts expected / found / duplicated", assertNoAlertTwice(softly, patients, alertEvents));
			table.put("plan changes expected / found / duplicated",
					assertNoPlanChangeTwice(softly, patients, planEvents));
			table.put("dead letters by reason", assertPoisonDeadLettered(softly, poison).toString());
			for (int i = 0; i < faults.size(); i++) {
				table.put("fault " + (i + 1), faults.get(i));
			}
			table.put("traffic", trafficTook.toSeconds() + " s, " + this.retries.get()
					+ " requests retried; every effect seen " + settled.toSeconds() + " s after it");
			table.put("max consumer lag", "not measured");
			System.out.printf("%nChaos run: %d patients, seed %d, 2 instances of each service, fault injected: %s%n",
					PATIENTS, SEED, FAULT.isEmpty() ? "none" : FAULT);
			table.forEach((row, value) -> System.out.printf("  %-45s %s%n", row, value));
			softly.assertAll();
		}
	}

	/** Enrols at a random plan-service instance (retried elsewhere on failure). */
	private void enrol(String patient, Random random) throws Exception {
		String body = """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
				 "weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],"careTeam":["%s"],"mode":"AUTOMATIC",
				 "startDate":"%s"}""".formatted(patient, PROGRAM, CLINICIAN,
				LocalDate.now(ZoneOffset.UTC).minusDays(21));
		write("plan-service", random.nextInt(2), "/api/v1/plans", body, "admin-a", "enrol-" + patient);
	}

	/**
	 * Two missed sessions (scheduled at one attendance-service instance, recorded at
	 * either), three quiet check-ins, and a lock of the plan sent to both plan-service
	 * instances twice at once with one key.
	 */
	private void drive(String patient, Random random) throws Exception {
		Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS);
		for (int daysAgo : new int[] { 6, 4 }) {
			Instant start = noon.minus(daysAgo, ChronoUnit.DAYS);
			JsonNode session = write("attendance-service", random.nextInt(2), "/api/v1/sessions",
					"""
							{"programId":"%s","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
							 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(PROGRAM, start,
							start.plus(3, ChronoUnit.HOURS), patient),
					"stepwise-ingest", "session-" + patient + "-" + daysAgo);
			String id = session.get("id").asString();
			this.sessions.computeIfAbsent(patient, (p) -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id);
			write("attendance-service", random.nextInt(2), "/api/v1/sessions/" + id + "/attendance", """
					{"patientId":"%s","status":"NO_SHOW","minutesAttended":0}""".formatted(patient), "stepwise-ingest",
					null);
			this.attendance.computeIfAbsent(patient, (p) -> new AtomicInteger()).incrementAndGet();
			Thread.sleep(200);
		}
		for (int day = 3; day >= 1; day--) {
			JsonNode checkIn = write("assessment-service", random.nextInt(2), "/api/v1/check-ins", """
					{"patientId":"%s","programId":"%s","occurredAt":"%s","mood":7,"craving":%d,
					 "usedSinceLastCheckIn":false,"sleepHours":7.5,"stress":3,"medicationTakenAsPrescribed":true,
					 "confidence":9,"highRiskSituation":false}""".formatted(patient, PROGRAM,
					noon.minus(day, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS), 1 + random.nextInt(2)),
					"stepwise-ingest", "check-in-" + patient + "-" + day);
			this.checkIns.computeIfAbsent(patient, (p) -> ConcurrentHashMap.newKeySet())
				.add(checkIn.get("id").asString());
			Thread.sleep(200);
		}
		String lock = "/api/v1/patients/" + patient + "/plan/lock";
		String body = "{\"reason\":\"chaos test\"}";
		List<CompletableFuture<JsonNode>> locks = new ArrayList<>();
		for (int k : new int[] { 0, 1, 0, 1 }) {
			locks.add(CompletableFuture.supplyAsync(() -> {
				try {
					return write("plan-service", k, lock, body, CLINICIAN, "lock-" + patient);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		locks.forEach(CompletableFuture::join);
	}

	/**
	 * A write, retried with the same key at the other instance while the answer is no
	 * answer or a 5xx (a killed instance, the broker away, the store busy).
	 * @return the body of the 2xx
	 */
	private JsonNode write(String service, int firstInstance, String path, String body, String client, String key)
			throws Exception {
		long deadline = System.nanoTime() + RETRY_FOR.toNanos();
		int instance = firstInstance;
		while (true) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, instance) + path))
				.timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token(client))
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (key != null) {
				request.header("Idempotency-Key", key);
			}
			int status;
			String answer;
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
				answer = response.body();
			}
			catch (IOException ex) {
				status = 0;
				answer = ex.getClass().getSimpleName();
			}
			if (status >= 200 && status < 300) {
				return json.readTree(answer);
			}
			if ((status != 0 && status < 500) || System.nanoTime() > deadline) {
				throw new AssertionError(service + path + " answered " + status + ": " + answer);
			}
			this.retries.incrementAndGet();
			instance = 1 - instance;
			Thread.sleep(500);
		}
	}

	private Duration killAndAwaitRestart(LocalStack stack, String instanceName) {
		ServiceProcess victim = process(stack, instanceName);
		long killed = System.nanoTime();
		ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
		HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		await().atMost(Duration.ofSeconds(150))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> process(stack, instanceName).pid() != victim.pid()
					&& process(stack, instanceName).ready(quick));
		return Duration.ofNanos(System.nanoTime() - killed);
	}

	private static ServiceProcess process(LocalStack stack, String instanceName) {
		return stack.services()
			.stream()
			.filter((p) -> p.spec().instanceName().equals(instanceName))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Poison into the check-ins topic, which plan-service and alert-service consume: not
	 * JSON, JSON but no CloudEvent, a CloudEvent of an unknown type.
	 */
	private List<byte[]> poison(String run) throws Exception {
		String unknown = """
				{"specversion":"1.0","id":"chaos-%s","source":"/chaos","type":"org.stepwise.chaos.unknown.v1",
				 "subject":"poison-%s-3","time":"%s","datacontenttype":"application/json","data":{}}""".formatted(run,
				run, Instant.now());
		List<byte[]> poison = List.of(("not json {" + run).getBytes(StandardCharsets.UTF_8),
				("{\"chaos\":\"" + run + "\"}").getBytes(StandardCharsets.UTF_8),
				unknown.getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < poison.size(); i++) {
				producer.send(new ProducerRecord<>(Topics.CHECKINS, "poison-" + run + "-" + (i + 1), poison.get(i)))
					.get();
			}
		}
		return poison;
	}

	/**
	 * @return acknowledged / found
	 */
	private String assertAcknowledgedWritesFound(SoftAssertions softly, List<String> patients) throws Exception {
		int acknowledged = 0;
		int found = 0;
		for (String patient : patients) {
			for (String session : this.sessions.getOrDefault(patient, List.of())) {
				acknowledged++;
				int status = get("attendance-service", "/api/v1/sessions/" + session).statusCode();
				softly.assertThat(status).as("acknowledged session").isEqualTo(200);
				found += (status == 200) ? 1 : 0;
			}
			int records = this.attendance.getOrDefault(patient, new AtomicInteger()).get();
			int recordsFound = read("attendance-service", "/api/v1/patients/" + patient + "/attendance").size();
			softly.assertThat(recordsFound).as("acknowledged attendance records of a patient").isEqualTo(records);
			Set<String> checkInsAcknowledged = this.checkIns.getOrDefault(patient, Set.of());
			Set<String> checkInsFound = read("assessment-service", "/api/v1/patients/" + patient + "/check-ins")
				.valueStream()
				.map((c) -> c.get("id").asString())
				.collect(Collectors.toSet());
			softly.assertThat(checkInsFound).as("acknowledged check-ins of a patient").isEqualTo(checkInsAcknowledged);
			JsonNode plan = read("plan-service", "/api/v1/patients/" + patient + "/plan").get("plan");
			// the enrolment and the lock
			acknowledged += records + checkInsAcknowledged.size() + 2;
			found += Math.min(records, recordsFound)
					+ (int) checkInsAcknowledged.stream().filter(checkInsFound::contains).count()
					+ (plan.get("locked").asBoolean() ? 2 : 1);
		}
		return acknowledged + " / " + found;
	}

	private static String published(List<EventEnvelope<StepwiseEvent>> events, List<String> patients) {
		List<String> ids = events.stream()
			.filter((event) -> patients.contains(event.subject()))
			.map(EventEnvelope::id)
			.toList();
		return ids.size() + " / " + new java.util.HashSet<>(ids).size();
	}

	/**
	 * @return expected / found / duplicated
	 */
	private String assertNoPlanChangeTwice(SoftAssertions softly, List<String> patients,
			List<EventEnvelope<StepwiseEvent>> events) {
		Map<String, Map<Integer, Set<String>>> changes = new HashMap<>();
		for (EventEnvelope<StepwiseEvent> event : events) {
			if (event.data() instanceof PlanChanged changed && patients.contains(changed.patientId())) {
				changes.computeIfAbsent(changed.patientId(), (p) -> new TreeMap<>())
					.computeIfAbsent(changed.version(), (v) -> new java.util.HashSet<>())
					.add(event.id());
			}
		}
		int found = 0;
		int duplicated = 0;
		for (String patient : patients) {
			Map<Integer, Set<String>> byVersion = changes.getOrDefault(patient, Map.of());
			softly.assertThat(byVersion.keySet()).as("plan versions published").containsExactly(1, 2);
			found += byVersion.size();
			for (Set<String> ids : byVersion.values()) {
				duplicated += ids.size() - 1;
			}
		}
		softly.assertThat(duplicated).as("plan versions made more than once (extra PlanChanged event ids)").isZero();
		return (2 * patients.size()) + " / " + found + " / " + duplicated;
	}

	/**
	 * @return expected / found / duplicated
	 */
	private String assertNoAlertTwice(SoftAssertions softly, List<String> patients,
			List<EventEnvelope<StepwiseEvent>> events) throws Exception {
		Map<String, Set<String>> raised = new TreeMap<>();
		for (EventEnvelope<StepwiseEvent> event : events) {
			if (event.data() instanceof AlertRaised alert && patients.contains(alert.patientId())) {
				raised
					.computeIfAbsent(patients.indexOf(alert.patientId()) + "/" + alert.kind(),
							(k) -> new java.util.HashSet<>())
					.add(alert.alertId());
			}
		}
		int found = 0;
		int duplicated = 0;
		for (String patient : patients) {
			List<String> kinds = alerts(patient).stream().map((a) -> a.get("kind").asString()).toList();
			softly.assertThat(kinds).as("a patient's alert kinds").contains("DISENGAGEMENT").doesNotHaveDuplicates();
			found += kinds.contains("DISENGAGEMENT") ? 1 : 0;
			duplicated += kinds.size() - (int) kinds.stream().distinct().count();
		}
		Map<String, Set<String>> raisedTwice = new TreeMap<>(raised);
		raisedTwice.values().removeIf((ids) -> ids.size() == 1);
		softly.assertThat(raisedTwice).as("alerts raised more than once per patient index and kind").isEmpty();
		return patients.size() + " disengagement / " + found + " / " + duplicated;
	}

	/**
	 * @return the dead letters of the run's poison, by reason
	 */
	private Map<String, Integer> assertPoisonDeadLettered(SoftAssertions softly, List<byte[]> poison) {
		List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> records(Topics.deadLetter(Topics.CHECKINS)), (records) -> poison.stream()
				.allMatch((p) -> records.stream().anyMatch((r) -> Arrays.equals(r.value(), p))));
		Map<String, Integer> reasons = new TreeMap<>();
		for (byte[] p : poison) {
			List<ConsumerRecord<String, byte[]>> copies = dead.stream()
				.filter((r) -> Arrays.equals(r.value(), p))
				.toList();
			softly.assertThat(copies).as("dead letters of a poison record").isNotEmpty();
			for (ConsumerRecord<String, byte[]> copy : copies) {
				var reason = copy.headers().lastHeader("stepwise-dlt-reason");
				softly.assertThat(reason).as("its reason").isNotNull();
				if (reason != null) {
					reasons.merge(new String(reason.value(), StandardCharsets.UTF_8), 1, Integer::sum);
				}
			}
		}
		return reasons;
	}

	private List<EventEnvelope<StepwiseEvent>> events(String topic) {
		EventCodec codec = new EventCodec();
		return records(topic).stream().map((r) -> codec.decode(r.value())).toList();
	}

	/** Every record of the topic, from the beginning to its end now. */
	private List<ConsumerRecord<String, byte[]>> records(String topic) {
		return TopicProbe.readAll(bootstrap(), topic);
	}

	private List<JsonNode> alerts(String patient) throws Exception {
		return read("alert-service", "/api/v1/alerts?patientId=" + patient).valueStream().toList();
	}

	/** Reads as the clinician, at the first instance. */
	private JsonNode read(String service, String path) throws Exception {
		HttpResponse<String> response = get(service, path);
		if (response.statusCode() != 200) {
			throw new AssertionError(service + path + " answered " + response.statusCode());
		}
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String service, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(service, 0) + path))
			.header("Authorization", "Bearer " + token(CLINICIAN))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String token(String client) throws Exception {
		String cached = this.tokens.get(client);
		if (cached == null) {
			String secret = client.equals("stepwise-ingest") ? "ingest-secret" : "demo";
			cached = StackTokens.clientCredentials(this.http, this.options.idpPort(), client, secret);
			this.tokens.put(client, cached);
		}
		return cached;
	}

	private String url(String service, int instance) {
		return this.options.services()
			.stream()
			.filter((s) -> s.name().equals(service) && s.instance() == instance)
			.map((s) -> "http://127.0.0.1:" + s.port())
			.findFirst()
			.orElseThrow();
	}

	private String bootstrap() {
		return "127.0.0.1:" + this.options.kafkaPort();
	}

}
