package org.stepwise.simulator.earlywarning;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.GroundTruth;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.PatientProfile;
import org.stepwise.simulator.cohort.ScheduledSession;
import org.stepwise.simulator.drive.Driver;
import org.stepwise.simulator.drive.TokenSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/early-warning.sh parity}: drives a sample of an offline-evaluation cohort
 * through a running stack on event time and compares the relapse-risk alerts it raises,
 * day by day, with the offline path's ({@link OfflineReplay} with the shipped model,
 * which plan-service loads by default). The stack must be fresh (plan-service's event
 * time must not be past the cohort's first day) and run with
 * {@code STEPWISE_CLINICAL_TIME=events} and a short clinical-clock interval
 * ({@code STEPWISE_PLAN_EVALUATION_INTERVAL=200ms}), see {@link StackFeed}.
 */
public final class ParityCheck {

	static final String USAGE = """
			bench/early-warning.sh parity [--seed 201] [--patients 1000] [--weeks 12] [--sample 20]
			    [--program program-a] [--zone America/Chicago]
			    [--base-urls http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083,http://127.0.0.1:8084]
			    [--bootstrap 127.0.0.1:9092] [--token-url http://127.0.0.1:9000/oauth2/token] [--timeout 60]
			  The cohort is the offline evaluation's for that seed (--patients x --weeks from 2026-01-05); its
			  first --sample patients are driven through the stack (attendance, assessment, plan and alert
			  service URLs) and compared. Against a fresh stack started as
			    STEPWISE_CLINICAL_TIME=events STEPWISE_PLAN_EVALUATION_INTERVAL=200ms ./stepwise --demo-accounts
			  Exit status 1 on any difference, 2 when the stack could not be driven as the check needs.
			""";

	/** The offline path's model: the shipped file plan-service loads by default. */
	static final LapseRiskModel MODEL = LapseRiskModel.DEFAULT;

	/**
	 * @param patients the cohort's size (the sample is its first {@code sample} patients)
	 * @param services attendance-, assessment-, plan- and alert-service base URLs
	 * @param tokenUrl the stack's token endpoint; null for an unsecured stack
	 * @param timeout how long any one wait for the stack may take
	 */
	public record Config(long seed, int patients, int weeks, int sample, String programId, ZoneId zone,
			List<URI> services, String bootstrap, @Nullable URI tokenUrl, Duration timeout) {

		public Config {
			services = List.copyOf(services);
			if (services.size() != 4) {
				throw new IllegalArgumentException("four service URLs: attendance, assessment, plan, alert");
			}
			if (sample < 1 || sample > patients) {
				throw new IllegalArgumentException("the sample must be 1 to " + patients + " patients");
			}
		}

		CohortSpec spec() {
			return CohortSpec.of(this.seed, this.patients, this.weeks, EarlyWarningRun.FIRST_DAY)
				.withProgram(this.programId, this.zone);
		}

	}

	/**
	 * The comparison, and what it took.
	 *
	 * @param sample what the sampled patients went through (ground truth)
	 */
	public record Report(ParityComparison.Result result, Sample sample, int requests, Duration driven, Duration total) {
	}

	/**
	 * @param withLapses patients with at least one lapse onset on a compared day
	 * @param withPrecursors of those, patients with an onset the generator gave
	 * precursors
	 * @param withSudden of those, patients with an onset without precursors
	 * @param withDecoys patients with a precursor-like stretch that ended without use
	 */
	public record Sample(int patients, int withLapses, int withPrecursors, int withSudden, int withDecoys) {

		static Sample of(List<PatientHistory> patients) {
			int lapses = 0;
			int precursors = 0;
			int sudden = 0;
			int decoys = 0;
			for (PatientHistory p : patients) {
				int observed = EarlyWarningRun.observedDays(p.profile(), p.truth());
				LocalDate last = p.truth().enrolled().plusDays(observed - 1L);
				List<GroundTruth.LapseOnset> onsets = p.truth()
					.lapseOnsets()
					.stream()
					.filter((o) -> !o.day().isAfter(last))
					.toList();
				lapses += onsets.isEmpty() ? 0 : 1;
				precursors += onsets.stream().anyMatch(GroundTruth.LapseOnset::hadPrecursor) ? 1 : 0;
				sudden += onsets.stream().anyMatch((o) -> !o.hadPrecursor()) ? 1 : 0;
				decoys += p.truth().decoys().isEmpty() ? 0 : 1;
			}
			return new Sample(patients.size(), lapses, precursors, sudden, decoys);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d patients: %d with lapses (%d with precursors, %d sudden), %d with precursor-like stretches "
							+ "without use",
					this.patients, this.withLapses, this.withPrecursors, this.withSudden, this.withDecoys);
		}

	}

	private ParityCheck() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = EarlyWarningMain.options(args);
		if (options.containsKey("help")) {
			System.out.print(USAGE);
			return;
		}
		List<URI> services = new ArrayList<>();
		for (String url : options
			.getOrDefault("base-urls",
					"http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083,http://127.0.0.1:8084")
			.split(",")) {
			services.add(URI.create(url.trim()));
		}
		Config config = new Config(Long.parseLong(options.getOrDefault("seed", "201")),
				Integer.parseInt(options.getOrDefault("patients", "1000")),
				Integer.parseInt(options.getOrDefault("weeks", "12")),
				Integer.parseInt(options.getOrDefault("sample", "20")), options.getOrDefault("program", "program-a"),
				ZoneId.of(options.getOrDefault("zone", "America/Chicago")), services,
				options.getOrDefault("bootstrap", "127.0.0.1:9092"),
				URI.create(options.getOrDefault("token-url", "http://127.0.0.1:9000/oauth2/token")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "60"))));
		Report report;
		try {
			report = run(config);
		}
		catch (IllegalStateException ex) {
			// the stack could not be driven as the check needs (not fresh, not on event
			// time,
			// a request refused, a wait that timed out): say so in one line
			System.err.println("parity: " + ex.getMessage());
			System.exit(2);
			return;
		}
		print(config, report);
		System.exit(report.result().agrees() ? 0 : 1);
	}

	static void print(Config config, Report report) {
		System.out.printf(Locale.ROOT,
				"Early warning parity: seed %d (%,d patients x %d weeks from %s), first %d patients through the "
						+ "stack, model %s%n%n",
				config.seed(), config.patients(), config.weeks(), EarlyWarningRun.FIRST_DAY, config.sample(),
				MODEL.version());
		System.out.println("Sample: " + report.sample() + "\n");
		System.out.print(report.result().table());
		System.out.printf(Locale.ROOT, "%n%d requests driven in %.1f s; total %.1f s%n", report.requests(),
				report.driven().toMillis() / 1000.0, report.total().toMillis() / 1000.0);
		System.out.println(report.result().verdict());
	}

	public static Report run(Config config) throws Exception {
		long started = System.nanoTime();
		CohortSpec spec = config.spec();
		CohortGenerator generator = new CohortGenerator(spec);
		List<PatientProfile> profiles = generator.profiles();
		List<ScheduledSession> sessions = generator.sessions(profiles);
		Map<String, ScheduledSession> sessionsByKey = new LinkedHashMap<>();
		sessions.forEach((s) -> sessionsByKey.put(s.key(), s));
		List<PatientHistory> sample = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (PatientProfile profile : profiles.subList(0, config.sample())) {
			sample.add(generator.history(profile));
			ids.add(profile.patientId());
		}
		Map<String, ParityComparison.OfflineAlert> offline = new LinkedHashMap<>();
		for (PatientHistory patient : sample) {
			int days = EarlyWarningRun.observedDays(patient.profile(), patient.truth());
			offline.put(patient.patientId(),
					ParityComparison.OfflineAlert.of(OfflineReplay.replay(spec, patient, sessionsByKey, MODEL, days)));
		}
		Cohort cohort = new Cohort(spec, StackFeed.sampleSessions(sessions, ids), sample);

		URI plan = config.services().get(2);
		long driveStarted = System.nanoTime();
		Driver.Result driven;
		List<ParityComparison.StackAssessment> assessments;
		List<ParityComparison.StackAlert> alerts;
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build()) {
			TokenSource ingest = tokens(http, config, "stepwise-ingest", "ingest-secret");
			TokenSource admin = tokens(http, config, "admin-a", "demo");
			Driver driver = new Driver(
					new Driver.Config(config.services().get(0), config.services().get(1), plan, 8, Duration.ZERO), http,
					ingest, admin, Clock.systemUTC());
			try (StackFeed feed = new StackFeed(spec, cohort, "parity-clock-" + spec.seed(), config.bootstrap(), plan,
					http, config.timeout())) {
				feed.attach(driver);
				driven = driver.run(cohort, feed);
			}
			requireAnswered(driven);
			awaitAlertsCaughtUp(config);
			assessments = progress(config.bootstrap(), ids);
			alerts = alerts(http, config.services().get(3), config.programId(), admin, ids, config.zone());
		}
		Duration drive = Duration.ofNanos(System.nanoTime() - driveStarted);
		ParityComparison.Result result = ParityComparison.compare(offline, assessments, alerts, config.zone(),
				spec.day(spec.days() - 1));
		return new Report(result, Sample.of(sample), (int) driven.stats().total(), drive,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static TokenSource tokens(HttpClient http, Config config, String client, String secret) {
		return (config.tokenUrl() != null)
				? TokenSource.clientCredentials(http, config.tokenUrl(), client, secret, Clock.systemUTC())
				: TokenSource.NONE;
	}

	/** A request the stack refused would make the comparison meaningless. */
	private static void requireAnswered(Driver.Result driven) {
		driven.stats().counts().forEach((endpoint, statuses) -> statuses.forEach((status, n) -> {
			if (status < 200 || status >= 300) {
				throw new IllegalStateException(n + " requests " + endpoint + " answered " + status + ":\n"
						+ driven.stats().table() + driven.stats().samples());
			}
		}));
	}

	/**
	 * Waits until alert-service has consumed every progress event and none has come for
	 * {@value #QUIET_SECONDS} seconds. plan-service's relay publishes right after each
	 * write, but under load (CI: the whole build on two cores) a second without events
	 * proved too short: the last days' looks were still in plan-service's outbox.
	 */
	static final int QUIET_SECONDS = 5;

	private static void awaitAlertsCaughtUp(Config config) throws Exception {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
		long deadline = System.nanoTime() + config.timeout().toNanos();
		try (Admin admin = Admin.create(properties)) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.PROGRESS))
				.allTopicNames()
				.get()
				.get(Topics.PROGRESS)
				.partitions()
				.stream()
				.map((p) -> new TopicPartition(Topics.PROGRESS, p.partition()))
				.toList();
			Map<TopicPartition, Long> previous = Map.of();
			int quiet = 0;
			while (true) {
				Map<TopicPartition, Long> ends = new HashMap<>();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				partitions.forEach((tp) -> latest.put(tp, OffsetSpec.latest()));
				admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("alert-service")
					.partitionsToOffsetAndMetadata()
					.get();
				boolean consumed = ends.entrySet().stream().allMatch((e) -> {
					OffsetAndMetadata at = committed.get(e.getKey());
					return (at != null) ? at.offset() >= e.getValue() : e.getValue() == 0;
				});
				quiet = (consumed && ends.equals(previous)) ? quiet + 1 : 0;
				if (quiet >= QUIET_SECONDS) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("alert-service did not catch up with the progress events");
				}
				previous = ends;
				Thread.sleep(1000);
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not read the progress topic's offsets", ex.getCause());
		}
	}

	/** The sample's progress events, from the start of the topic. */
	static List<ParityComparison.StackAssessment> progress(String bootstrap, Set<String> patients) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		EventCodec codec = new EventCodec();
		List<ParityComparison.StackAssessment> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROGRESS)
				.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < ends.get(tp))) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					EventEnvelope<StepwiseEvent> event = codec.decode(record.value());
					if (event.data() instanceof ProgressAssessed assessed && patients.contains(assessed.patientId())) {
						found.add(new ParityComparison.StackAssessment(assessed.patientId(), assessed.assessedAt(),
								assessed.revision(), LapseRisk.alertLevel(assessed.riskLevel(), assessed.lapseRisk())));
					}
				}
			}
		}
		return found;
	}

	/** The sample's RELAPSE_RISK alerts in alert-service. */
	static List<ParityComparison.StackAlert> alerts(HttpClient http, URI alertService, String programId,
			TokenSource tokens, Set<String> patients, ZoneId zone) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(alertService.resolve("/api/v1/alerts?kind=RELAPSE_RISK&programId="
					+ URLEncoder.encode(programId, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		Optional<String> token = tokens.token();
		token.ifPresent((t) -> request.header("Authorization", "Bearer " + t));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("alert-service answered " + response.statusCode() + ": " + response.body());
		}
		return alerts(response.body(), patients, zone);
	}

	static List<ParityComparison.StackAlert> alerts(String body, Set<String> patients, ZoneId zone) {
		List<ParityComparison.StackAlert> alerts = new ArrayList<>();
		for (JsonNode node : JsonMapper.builder().build().readTree(body)) {
			String patientId = node.path("patientId").asString();
			if (!patients.contains(patientId) || !"RELAPSE_RISK".equals(node.path("kind").asString())) {
				continue;
			}
			String status = node.path("status").asString();
			Instant firstAssessed = Instant.parse(node.path("values").path("firstAssessedAt").asString());
			alerts.add(new ParityComparison.StackAlert(patientId, LocalDate.ofInstant(firstAssessed, zone),
					node.path("severity").asString(), status.equals("OPEN") || status.equals("ACKNOWLEDGED")));
		}
		return alerts;
	}

}
