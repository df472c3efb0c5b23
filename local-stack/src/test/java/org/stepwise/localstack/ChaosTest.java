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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 item 6, the short chaos run: two instances of every service while a seeded
 * cohort is driven through their APIs with Idempotency-Keys and retries, one service
 * instance is killed by SIGKILL (the launcher restarts it), the broker restarts, poison
 * records of every category land in a consumed topic ({@link Poison}) and a tenth of the
 * consumed records are delivered twice, at once or out of order ({@link Redeliveries}).
 * Then: every acknowledged write is found, no patient has two alerts of a kind, no plan
 * version was made twice, the poison is in the dead-letter topic with its original bytes.
 * bench/chaos.sh runs it bigger and longer, first without faults
 * ({@code stepwise.chaos.baseline}), and compares each patient's final state.
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

	/**
	 * Whether the same cohort runs first without faults, and the final states are
	 * compared (bench/chaos.sh; CI runs the faults alone).
	 */
	private static final boolean BASELINE = Boolean.getBoolean("stepwise.chaos.baseline");

	/** The least the traffic lasts under faults: patients are paced over it. */
	private static final int TRAFFIC_SECONDS = Integer.getInteger("stepwise.chaos.traffic-seconds", 0);

	/** Share of the consumed topics' records delivered twice, at once or out of order. */
	private static final double REDELIVERED_SHARE = Double
		.parseDouble(System.getProperty("stepwise.chaos.redelivered", "0.10"));

	private static final List<String> REDELIVERED_TOPICS = List.of(Topics.ATTENDANCE, Topics.CHECKINS,
			Topics.ASSESSMENTS, Topics.PLANS, Topics.PROGRESS);

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

	private final List<Fault> faults = new ArrayList<>();

	@Test
	void underKillsABrokerRestartPoisonAndRedeliveriesNothingAcknowledgedIsLostAndNothingHappensTwice()
			throws Exception {
		Map<Integer, String> faultFree = BASELINE ? run(false, this.dataDir.resolve("fault-free")).finalState() : null;
		Run chaos = run(true, this.dataDir.resolve("chaos"));
		SoftAssertions softly = chaos.softly();
		if (faultFree != null) {
			List<String> differing = new ArrayList<>();
			for (Map.Entry<Integer, String> patient : faultFree.entrySet()) {
				String underFaults = chaos.finalState().get(patient.getKey());
				softly.assertThat(underFaults)
					.as("patient %d's final progress, plan and open alerts against the fault-free run",
							patient.getKey())
					.isEqualTo(patient.getValue());
				if (!patient.getValue().equals(underFaults)) {
					differing.add(patient.getKey() + ": " + underFaults + " instead of " + patient.getValue());
				}
			}
			chaos.table()
				.put("final progress, plans, open alerts", (faultFree.size() - differing.size()) + " of "
						+ faultFree.size() + " patients as in the fault-free run"
						+ (differing.isEmpty() ? "" : "; " + differing.subList(0, Math.min(3, differing.size()))));
		}
		System.out.printf("%nChaos run: %d patients, seed %d, 2 instances of each service, fault injected: %s%n",
				PATIENTS, SEED, FAULT.isEmpty() ? "none" : FAULT);
		chaos.table().forEach((row, value) -> System.out.printf("  %-45s %s%n", row, value));
		softly.assertAll();
	}

	/**
	 * The cohort through a fresh stack in {@code dir}: with {@code faults}, the kills,
	 * the broker restart, the poison and the redeliveries meanwhile.
	 */
	private Run run(boolean faults, Path dir) throws Exception {
		this.options = TestStacks.onFreePorts(dir, 2);
		this.tokens.clear();
		this.retries.set(0);
		this.sessions.clear();
		this.attendance.clear();
		this.checkIns.clear();
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
			try (ConsumerLag lag = new ConsumerLag(bootstrap());
					Redeliveries redeliveries = faults
							? new Redeliveries(bootstrap(), REDELIVERED_TOPICS, REDELIVERED_SHARE, SEED) : null) {
				// the traffic on a thread of its own, paced over TRAFFIC_SECONDS; the
				// faults from here, meanwhile
				Random trafficRandom = new Random(random.nextLong());
				long pace = faults ? TimeUnit.SECONDS.toNanos(TRAFFIC_SECONDS) / PATIENTS : 0;
				CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
					try {
						for (int i = 0; i < patients.size(); i++) {
							long due = trafficStarted + i * pace;
							long early = due - System.nanoTime();
							if (early > 0) {
								TimeUnit.NANOSECONDS.sleep(early);
							}
							drive(patients.get(i), trafficRandom);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				Map<String, String> table = new LinkedHashMap<>();
				List<Poison> poison = List.of();
				Optional<Duration> stalled = Optional.empty();
				if (faults) {
					Thread.sleep(3_000);
					poison = Poison.all(run, Instant.now());
					long next = Poison.send(bootstrap(), Topics.CHECKINS, poison);
					stalled = lag.awaitCommittedPast(Topics.CHECKINS, 0, next);
					table.put("poison: partition held up",
							stalled.map((d) -> d.toMillis() + " ms").orElse("more than 30 s")
									+ " (every consuming group past the " + poison.size()
									+ " records, from the last one sent)");
					int kill = 0;
					while (kill < KILLS && (kill == 0 || !traffic.isDone())) {
						if (kill > 0) {
							Thread.sleep(1_000L * (KILL_EVERY + random.nextInt(KILL_EVERY + 1)));
						}
						ServiceSpec victim = this.options.services()
							.get(random.nextInt(this.options.services().size()));
						long killed = System.nanoTime();
						Duration ready = killAndAwaitRestart(stack, victim.instanceName());
						kill++;
						this.faults.add(new Fault("SIGKILL " + victim.instanceName(), killed, ready));
						if (kill == 1) {
							long restarted = System.nanoTime();
							Duration away = stack.restartBroker();
							this.faults.add(new Fault("broker restart", restarted, away));
						}
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
				if (redeliveries != null) {
					// the last delayed ones out, then what they could change
					redeliveries.close();
					table.put("duplicate and out-of-order deliveries", redeliveries.summary());
				}
				// what a duplicate would need to show up: late publishing after the
				// faults
				Thread.sleep(5_000);

				SoftAssertions softly = new SoftAssertions();
				table.put("acknowledged writes / found", assertAcknowledgedWritesFound(softly, patients));
				List<EventEnvelope<StepwiseEvent>> planEvents = events(Topics.PLANS);
				List<EventEnvelope<StepwiseEvent>> alertEvents = events(Topics.ALERTS);
				table.put("events published / distinct (plans, alerts)",
						published(planEvents, patients) + ", " + published(alertEvents, patients));
				table.put("alerts expected / found / duplicated", assertNoAlertTwice(softly, patients, alertEvents));
				table.put("plan changes expected / found / duplicated",
						assertNoPlanChangeTwice(softly, patients, planEvents));
				if (faults) {
					table.put("dead letters by reason", assertPoisonDeadLettered(softly, poison).toString());
					if (BASELINE) {
						// a timing target: in the benchmark, not on CI's shared machines
						softly.assertThat(stalled)
							.as("time the poison held its partition up")
							.hasValueSatisfying((d) -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(3)));
					}
					int kills = 0;
					int number = 0;
					for (Fault fault : this.faults) {
						number++;
						kills += fault.what().startsWith("SIGKILL") ? 1 : 0;
						String caughtUp = lag.caughtUp(fault.at(), fault.at() + fault.ready().toNanos())
							.map((d) -> d.toSeconds() + " s")
							.orElse("not within the run");
						table.put("fault " + number + ": " + fault.what(),
								(fault.what().startsWith("broker") ? "away " + fault.ready().toMillis() + " ms"
										: "ready again after " + fault.ready().toSeconds() + " s")
										+ ", consumers caught up after " + caughtUp);
						softly.assertThat(fault.ready())
							.as("recovery after %s", fault.what())
							.isLessThanOrEqualTo(Duration.ofSeconds(60));
					}
					table.put("kills", kills + " (asked for " + KILLS + ")");
				}
				table.put("traffic", trafficTook.toSeconds() + " s, " + this.retries.get()
						+ " requests retried; every effect seen " + settled.toSeconds() + " s after it");
				table.put("max consumer lag (records)", lag.maxByGroup().toString());
				Map<Integer, String> finalState = new TreeMap<>();
				for (int i = 0; i < patients.size(); i++) {
					finalState.put(i, finalState(patients.get(i)));
				}
				this.faults.clear();
				return new Run(table, softly, finalState);
			}
		}
	}

	/**
	 * What the run left for a patient, without what differs between runs (ids, times):
	 * the plan's version, level and lock, the progress picture's risk, signals and early
	 * warning, and the active alerts.
	 */
	private String finalState(String patient) throws Exception {
		JsonNode plan = read("plan-service", "/api/v1/patients/" + patient + "/plan").get("plan");
		JsonNode progress = read("plan-service", "/api/v1/patients/" + patient + "/progress");
		List<String> signals = progress.get("signals")
			.valueStream()
			.map((s) -> s.get("kind").asString() + " " + s.get("severity").asString())
			.sorted()
			.toList();
		JsonNode lapse = progress.get("lapseRisk");
		List<String> open = alerts(patient).stream()
			.filter((a) -> !a.get("status").asString().endsWith("RESOLVED"))
			.map((a) -> a.get("kind").asString() + " " + a.get("severity").asString() + " "
					+ a.get("status").asString())
			.sorted()
			.toList();
		return "plan v%d %s%s; risk %s; signals %s; early warning %s; active alerts %s".formatted(
				plan.get("version").asInt(), plan.get("levelOfCare").get("code").asString(),
				plan.get("locked").asBoolean() ? " locked" : "", progress.get("riskLevel").asString(), signals,
				(lapse == null || lapse.isNull()) ? "none" : lapse.get("level").asString(), open);
	}

	/** A fault: what, when (nanoTime) and how long until the part was back. */
	private record Fault(String what, long at, Duration ready) {
	}

	/** A run's table, its assertions so far and each patient's final state by index. */
	private record Run(Map<String, String> table, SoftAssertions softly, Map<Integer, String> finalState) {
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
	 * Every poison record on the dead-letter topic, once per consuming group, with its
	 * original key and bytes and a reason.
	 * @return the dead letters of the run's poison, by reason
	 */
	private Map<String, Integer> assertPoisonDeadLettered(SoftAssertions softly, List<Poison> poison)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<ConsumerRecord<String, byte[]>> dead = records(Topics.deadLetter(Topics.CHECKINS));
		while (System.nanoTime() < deadline && !allIn(dead, poison)) {
			Thread.sleep(1_000);
			dead = records(Topics.deadLetter(Topics.CHECKINS));
		}
		List<ConsumerRecord<String, byte[]>> letters = dead;
		Map<String, Integer> reasons = new TreeMap<>();
		for (Poison p : poison) {
			List<ConsumerRecord<String, byte[]>> copies = letters.stream().filter((r) -> copyOf(r, p)).toList();
			softly.assertThat(copies).as("dead letters of the poison record: %s", p.category()).isNotEmpty();
			for (ConsumerRecord<String, byte[]> copy : copies) {
				var reason = copy.headers().lastHeader("stepwise-dlt-reason");
				softly.assertThat(reason).as("the reason of the dead letter: %s", p.category()).isNotNull();
				if (reason != null) {
					reasons.merge(p.category() + ": " + new String(reason.value(), StandardCharsets.UTF_8), 1,
							Integer::sum);
				}
			}
		}
		return reasons;
	}

	private static boolean allIn(List<ConsumerRecord<String, byte[]>> deadLetters, List<Poison> poison) {
		return poison.stream().allMatch((p) -> deadLetters.stream().anyMatch((r) -> copyOf(r, p)));
	}

	private static boolean copyOf(ConsumerRecord<String, byte[]> deadLetter, Poison poison) {
		return java.util.Objects.equals(deadLetter.key(), poison.key())
				&& Arrays.equals(deadLetter.value(), poison.value());
	}

	/** The events of a topic as published (without the test's redeliveries). */
	private List<EventEnvelope<StepwiseEvent>> events(String topic) {
		EventCodec codec = new EventCodec();
		return records(topic).stream()
			.filter((r) -> !Redeliveries.isRedelivery(r))
			.map((r) -> codec.decode(r.value()))
			.toList();
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
