package org.stepwise.simulator.bench;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.simulator.CommandLine;
import org.stepwise.simulator.drive.TokenSource;

/**
 * The latency benchmark's tool (bench/latency.sh): an open-loop load of check-ins and
 * assessments POSTed to assessment-service at a set rate, a share of them PHQ-9s with
 * item 9 = 2 (safety-flagged), each for a patient id of its own; alert-service's SSE
 * stream (subscribed before the load) gives the SAFETY alert of each, matched by patient
 * id. Latency runs from the request's intended send time (the schedule's, not the moment
 * the sender got to it: no coordinated omission) to the alert's arrival on the stream,
 * into an HdrHistogram. Also the HTTP answer time from the intended time, the achieved
 * rate and the answers by status.
 * <p>
 * The relapse path, measured in the same run: another share of the load are check-ins
 * reporting use, each for a patient of its own primed before the load with one check-in
 * with use 2 days back. plan-service then sees use on two clinical days and raises
 * relapse risk to HIGH; the RELAPSE_RISK alert on the stream ends the measurement. It
 * goes through Kafka twice (check-ins, progress) and plan-service's fold, so its target
 * is looser.
 */
public final class LatencyBench {

	private static final String USAGE = """
			Usage: bench/latency.sh [options]
			  --assessment-url URL   assessment-service (default http://127.0.0.1:8082)
			  --alerts-url URL       alert-service, for its SSE stream (default http://127.0.0.1:8084)
			  --rate N               requests per second, open loop (default 200)
			  --duration S           seconds of load (default 60)
			  --safety-fraction F    share of safety-flagged PHQ-9s (default 0.05 = 10/s at 200/s)
			  --relapse-fraction F   share of check-ins with use measured to their RELAPSE_RISK alert (default
			                         0.05; 0 disables): each for a patient primed before the load, at 50/s, with
			                         a check-in with use 2 days back (so two use days: relapse risk HIGH)
			  --warmup S             seconds at the start sent but not measured (default 5; part of --duration)
			  --program ID           program id (default program-a, the demo program admin-a may watch; patient
			                         ids are new on every run, so runs never collide)
			  --patients N           patients of the ordinary submissions (default 200)
			  --drain S              seconds to wait for the last alerts after the load (default 15)
			  --token-url URL        client-credentials bearer token for the POSTs (secured stack)
			  --client-id ID         (default stepwise-ingest)
			  --client-secret S      (default ingest-secret)
			  --stream-token-url URL bearer token for the SSE stream (secured stack: a client allowed to
			                         read alerts, e.g. a clinician or program-admin client)
			  --stream-client-id ID, --stream-client-secret S
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ATTEMPT_TIMEOUT_SECONDS = 30;

	/** Priming check-ins in flight at once, so priming cannot swamp the stack. */
	private static final int PRIME_CONCURRENCY = 16;

	private static final String SAFETY_KIND = "SAFETY";

	private static final String RELAPSE_KIND = "RELAPSE_RISK";

	private final Config config;

	private final HttpClient http;

	private final TokenSource postTokens;

	private final TokenSource streamTokens;

	private final MeasuredPath safety = new MeasuredPath();

	private final MeasuredPath relapse = new MeasuredPath();

	private final Recorder answerLatency = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> primeOutcomes = new ConcurrentHashMap<>();

	/** Relapse patients whose priming check-in was accepted: the only ones measured. */
	private final Set<String> primed = ConcurrentHashMap.newKeySet();

	/** Primed patients not yet seen in an alert on the stream. */
	private final Set<String> awaitingPrime = ConcurrentHashMap.newKeySet();

	private final AtomicLong primeConfirmed = new AtomicLong();

	private final AtomicLong streamEvents = new AtomicLong();

	private final AtomicLong maxLagNanos = new AtomicLong();

	private final AtomicReference<Stream<String>> stream = new AtomicReference<>();

	/** Why the SSE stream could not be opened, when it could not. */
	private final AtomicReference<String> streamRefused = new AtomicReference<>();

	/**
	 * What to run.
	 *
	 * @param warmup the first part of the load, sent at the same rate but not measured
	 * (cold JIT on both sides)
	 * @param primeRate priming check-ins per second, before the load
	 * @param primeTimeout how long to wait after priming for an alert of every primed
	 * patient
	 */
	record Config(URI assessmentUrl, URI alertsUrl, OpenLoopSchedule schedule, Duration warmup, String programId,
			int patients, Duration drain, double primeRate, Duration primeTimeout) {
	}

	LatencyBench(Config config, HttpClient http, TokenSource postTokens, TokenSource streamTokens) {
		this.config = config;
		this.http = http;
		this.postTokens = postTokens;
		this.streamTokens = streamTokens;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		if (options.containsKey("help")) {
			System.out.print(USAGE);
			return;
		}
		OpenLoopSchedule schedule = new OpenLoopSchedule(Double.parseDouble(options.getOrDefault("rate", "200")),
				Duration.ofMillis(Math.round(Double.parseDouble(options.getOrDefault("duration", "60")) * 1000)),
				Double.parseDouble(options.getOrDefault("safety-fraction", "0.05")),
				Double.parseDouble(options.getOrDefault("relapse-fraction", "0.05")));
		String program = options.getOrDefault("program", "program-a");
		Config config = new Config(URI.create(options.getOrDefault("assessment-url", "http://127.0.0.1:8082")),
				URI.create(options.getOrDefault("alerts-url", "http://127.0.0.1:8084")), schedule,
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5"))), program,
				Integer.parseInt(options.getOrDefault("patients", "200")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "15"))), 50, Duration.ofSeconds(60));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
		try {
			TokenSource posts = tokens(http, options, "token-url", "client-id", "client-secret", "stepwise-ingest",
					"ingest-secret");
			if (options.containsKey("stream-token-url")
					&& !(options.containsKey("stream-client-id") && options.containsKey("stream-client-secret"))) {
				throw new IllegalArgumentException(
						"--stream-token-url needs --stream-client-id and --stream-client-secret");
			}
			TokenSource stream = tokens(http, options, "stream-token-url", "stream-client-id", "stream-client-secret",
					"", "");
			Result result = new LatencyBench(config, http, posts, stream).run();
			System.out.print(result.render());
		}
		finally {
			// not close(): it waits for every exchange, and a long-lived SSE one may
			// never end
			http.shutdownNow();
		}
	}

	private static TokenSource tokens(HttpClient http, Map<String, String> options, String url, String id,
			String secret, String defaultId, String defaultSecret) {
		return options.containsKey(url) ? TokenSource.clientCredentials(http, URI.create(options.get(url)),
				options.getOrDefault(id, defaultId), options.getOrDefault(secret, defaultSecret), Clock.systemUTC())
				: TokenSource.NONE;
	}

	static Map<String, String> options(String[] args) {
		return CommandLine.options(args, Set.of(), "(--help lists the options)");
	}

	/** The figures of one run. */
	record Result(OpenLoopSchedule schedule, Duration warmup, String programId, long sent, Duration sendSpan,
			long maxLagNanos, Histogram alertLatency, Histogram toRaised, Histogram raisedToStream,
			Histogram answerLatency, long safetySent, long alertsMatched, long streamEvents, Map<String, Long> outcomes,
			Relapse relapse) {

		double achievedRate() {
			return (this.sendSpan.toNanos() <= 0) ? 0 : this.sent * 1e9 / this.sendSpan.toNanos();
		}

		String render() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"Open-loop load: %d requests at %.0f/s scheduled over %.1f s; sent in %.2f s = %.1f requests/s"
							+ " achieved (sender at most %.1f ms behind schedule)%n",
					this.sent, this.schedule.ratePerSecond(), this.schedule.duration().toMillis() / 1000.0,
					this.sendSpan.toMillis() / 1000.0, achievedRate(), this.maxLagNanos / 1e6));
			out.append(String.format(Locale.ROOT,
					"Program %s; measured after a %.0f s warm-up: safety-flagged PHQ-9s %d (%.1f%% of requests)%n",
					this.programId, this.warmup.toMillis() / 1000.0, this.safetySent,
					this.schedule.safetyFraction() * 100));
			out.append(this.relapse.priming(this.schedule.relapseFraction()));
			out.append("HTTP answers:\n");
			this.outcomes.forEach((key, count) -> out.append(String.format(Locale.ROOT, "  %-34s %8d%n", key, count)));
			out.append(String.format(Locale.ROOT,
					"%nSafety fast path, intended send -> SAFETY alert on the SSE stream"
							+ " (%d of %d alerted; %d stream events in all):%n",
					this.alertsMatched, this.safetySent, this.streamEvents));
			out.append(pathFigures(this.alertLatency, "HTTP, outbox relay, Kafka, alert-service", this.toRaised,
					this.raisedToStream, 100));
			out.append(this.relapse.block());
			out.append(String.format(Locale.ROOT, "%nHTTP answer, intended send -> answer (all measured requests):%n"));
			out.append(percentiles(this.answerLatency));
			return out.toString();
		}

	}

	/**
	 * The relapse path's figures.
	 *
	 * @param primed patients sent a priming check-in
	 * @param primeAnswers the priming check-ins' answers by status
	 * @param accepted priming check-ins answered 2xx (the patients measured)
	 * @param confirmed accepted ones whose patient had an alert on the stream before the
	 * load
	 * @param sent measured relapse check-ins
	 * @param matched of them, the ones whose RELAPSE_RISK alert arrived
	 */
	record Relapse(long primed, Map<String, Long> primeAnswers, long accepted, long confirmed, Duration confirmTimeout,
			long sent, long matched, Histogram latency, Histogram toRaised, Histogram raisedToStream) {

		String priming(double fraction) {
			if (fraction == 0) {
				return "Relapse path: off (--relapse-fraction 0)\n";
			}
			StringBuilder answers = new StringBuilder();
			this.primeAnswers
				.forEach((status, count) -> answers.append((answers.isEmpty() ? "" : ", ") + status + ": " + count));
			return String.format(Locale.ROOT,
					"  and relapse check-ins with use %d (%.1f%% of requests), for patients primed before the load%n"
							+ "Relapse priming: %d patients sent a check-in with use 2 days back (answers %s);"
							+ " %d accepted, %d confirmed by an alert on the stream within %.0f s%n",
					this.sent, fraction * 100, this.primed, answers.isEmpty() ? "none" : answers, this.accepted,
					this.confirmed, this.confirmTimeout.toMillis() / 1000.0);
		}

		String block() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"%nRelapse path, intended send -> RELAPSE_RISK alert on the SSE stream (%d of %d alerted):%n",
					this.matched, this.sent));
			out.append(pathFigures(this.latency, "HTTP, outbox relay, Kafka, plan-service, Kafka, alert-service",
					this.toRaised, this.raisedToStream, 250));
			return out.toString();
		}

	}

	/**
	 * A measured path's figures: intended send to the alert on the stream, split at the
	 * alert's raisedAt ({@code hops} name what lies before it), and the target's verdict.
	 */
	static String pathFigures(Histogram latency, String hops, Histogram toRaised, Histogram raisedToStream,
			int targetP99Millis) {
		return percentiles(latency) + "  of which intended send -> the alert's raisedAt (" + hops + "):\n"
				+ percentiles(toRaised) + "  and raisedAt -> arrival on the stream (SSE delivery):\n"
				+ percentiles(raisedToStream)
				+ String.format(Locale.ROOT, "  target p99 <= %d ms: %s%n", targetP99Millis,
						(latency.getTotalCount() == 0) ? "not measured"
								: (millis(latency.getValueAtPercentile(99)) <= targetP99Millis ? "met" : "missed"));
	}

	static String percentiles(Histogram histogram) {
		if (histogram.getTotalCount() == 0) {
			return "  no samples\n";
		}
		return String.format(Locale.ROOT, "  p50 %8.1f ms   p90 %8.1f ms   p99 %8.1f ms   max %8.1f ms   (n=%d)%n",
				millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
				millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()), histogram.getTotalCount());
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	Result run() throws Exception {
		CountDownLatch connected = new CountDownLatch(1);
		Thread reader = Thread.ofVirtual().name("sse").start(() -> readStream(connected));
		if (!connected.await(30, TimeUnit.SECONDS)) {
			reader.interrupt();
			throw new IOException("alert-service's stream did not open within 30 s");
		}
		if (this.streamRefused.get() != null) {
			throw new IOException(this.streamRefused.get());
		}
		OpenLoopSchedule schedule = this.config.schedule();
		long count = schedule.count();
		String run = Long.toString(System.currentTimeMillis(), 36);
		// the warm-up's relapse patients too, so the warm-up runs the same path
		List<String> relapsePatients = new ArrayList<>();
		for (long i = 0; i < count; i++) {
			if (schedule.relapse(i)) {
				relapsePatients.add(relapsePatientId(run, i));
			}
		}
		prime(relapsePatients);
		long safetySent = 0;
		long relapseSent = 0;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
		long startEpochNanos = System.currentTimeMillis() * 1_000_000L + (start - System.nanoTime());
		long lastSend = start;
		long warmup = this.config.warmup().toNanos();
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0; i < count; i++) {
				long intended = start + schedule.offsetNanos(i);
				long wait;
				while ((wait = intended - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				long now = System.nanoTime();
				this.maxLagNanos.accumulateAndGet(now - intended, Math::max);
				lastSend = now;
				Submission submission = submission(i, schedule.kind(i), run);
				boolean measured = schedule.offsetNanos(i) >= warmup;
				Pending due = new Pending(intended, (startEpochNanos + schedule.offsetNanos(i)) / 1_000_000L);
				if (submission.kind() == OpenLoopSchedule.Kind.SAFETY && measured) {
					safetySent++;
					this.safety.pending.put(submission.patientId(), due);
				}
				// an unprimed patient's use is its first use day: sent, not measured
				if (submission.kind() == OpenLoopSchedule.Kind.RELAPSE && measured
						&& this.primed.contains(submission.patientId())) {
					relapseSent++;
					this.relapse.pending.put(submission.patientId(), due);
				}
				senders.submit(() -> send(submission, intended, measured));
			}
			// close() waits for the answers
		}
		long deadline = System.nanoTime() + this.config.drain().toNanos();
		while (!(this.safety.pending.isEmpty() && this.relapse.pending.isEmpty()) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		reader.interrupt();
		Stream<String> open = this.stream.get();
		if (open != null) {
			open.close();
		}
		Relapse relapse = new Relapse(relapsePatients.size(), snapshot(this.primeOutcomes), this.primed.size(),
				this.primeConfirmed.get(), this.config.primeTimeout(), relapseSent, this.relapse.matched.get(),
				this.relapse.latency.getIntervalHistogram(), this.relapse.toRaised.getIntervalHistogram(),
				this.relapse.raisedToStream.getIntervalHistogram());
		return new Result(schedule, this.config.warmup(), this.config.programId(), count,
				Duration.ofNanos(lastSend - start), this.maxLagNanos.get(), this.safety.latency.getIntervalHistogram(),
				this.safety.toRaised.getIntervalHistogram(), this.safety.raisedToStream.getIntervalHistogram(),
				this.answerLatency.getIntervalHistogram(), safetySent, this.safety.matched.get(),
				this.streamEvents.get(), snapshot(this.outcomes), relapse);
	}

	private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
		Map<String, Long> snapshot = new TreeMap<>();
		counts.forEach((key, value) -> snapshot.put(key, value.get()));
		return snapshot;
	}

	/**
	 * Before the load: one check-in with use 2 days back for each relapse patient, at the
	 * priming rate with a bounded number in flight, then a wait (at most the priming
	 * timeout) until the stream has shown an alert of every accepted one, so that
	 * plan-service has folded the first use day before the measured one arrives.
	 */
	private void prime(List<String> patients) throws InterruptedException {
		if (patients.isEmpty()) {
			return;
		}
		Semaphore inFlight = new Semaphore(PRIME_CONCURRENCY);
		long start = System.nanoTime();
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int j = 0; j < patients.size(); j++) {
				long due = start + Math.round(j * 1e9 / this.config.primeRate());
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				inFlight.acquire();
				String patient = patients.get(j);
				// before the POST: the alert may come before the answer
				this.awaitingPrime.add(patient);
				senders.submit(() -> {
					try {
						sendPriming(patient);
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		long deadline = System.nanoTime() + this.config.primeTimeout().toNanos();
		while (!this.awaitingPrime.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		// what the load's own alerts show later is no confirmation of the priming
		this.awaitingPrime.clear();
	}

	private void sendPriming(String patient) {
		String outcome = post(this.config.assessmentUrl().resolve("/api/v1/check-ins"),
				primingCheckIn(patient, this.config.programId(), Instant.now()));
		if (outcome.startsWith("2")) {
			this.primed.add(patient);
		}
		else {
			this.awaitingPrime.remove(patient);
		}
		this.primeOutcomes.computeIfAbsent(outcome, (k) -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * One request of the load.
	 *
	 * @param label what it is, for the answers by status
	 * @param kind which path it measures, if any
	 */
	record Submission(String path, String label, String patientId, Map<String, Object> body,
			OpenLoopSchedule.Kind kind) {
	}

	/**
	 * Request {@code i}: a safety-flagged PHQ-9 for a patient of its own, a check-in with
	 * use for a relapse patient of its own (primed before the load), else alternately a
	 * check-in and an unflagged assessment (PHQ-9 or GAD-7) for one of the ordinary
	 * patients.
	 */
	Submission submission(long i, OpenLoopSchedule.Kind kind, String run) {
		Instant now = Instant.now();
		String occurredAt = now.minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
		String program = this.config.programId();
		if (kind == OpenLoopSchedule.Kind.SAFETY) {
			String patient = String.format(Locale.ROOT, "lat%s-s%06d", run, i);
			return new Submission("/api/v1/assessments", "assessment PHQ9 (item 9 = 2)", patient,
					assessment(patient, program, "PHQ9", occurredAt, phq9((int) (i % 7), 2)), kind);
		}
		if (kind == OpenLoopSchedule.Kind.RELAPSE) {
			String patient = relapsePatientId(run, i);
			return new Submission("/api/v1/check-ins", "check-in with use (relapse)", patient,
					relapseCheckIn(patient, program, now), kind);
		}
		String patient = String.format(Locale.ROOT, "lat%s-p%04d", run, i % this.config.patients());
		if (i % 2 == 0) {
			Map<String, Object> body = checkIn(patient, program, occurredAt, (int) (i % 11), (int) ((i / 2) % 6),
					List.of(), (int) ((i / 3) % 11));
			return new Submission("/api/v1/check-ins", "check-in", patient, body, kind);
		}
		if (i % 4 == 1) {
			return new Submission("/api/v1/assessments", "assessment PHQ9", patient,
					assessment(patient, program, "PHQ9", occurredAt, phq9((int) (i % 13), 0)), kind);
		}
		Map<String, Integer> gad7 = new LinkedHashMap<>();
		for (int item = 1; item <= 7; item++) {
			gad7.put(Integer.toString(item), (int) ((i + item) % 3));
		}
		return new Submission("/api/v1/assessments", "assessment GAD7", patient,
				assessment(patient, program, "GAD7", occurredAt, gad7), kind);
	}

	/** The relapse patient of request {@code i}: one of its own, like the safety ones. */
	static String relapsePatientId(String run, long i) {
		return String.format(Locale.ROOT, "lat%s-r%06d", run, i);
	}

	/**
	 * A relapse patient's check-in before the load: use 2 days back, a clinical day of
	 * its own in any zone (not today, not near a day boundary), well inside the 14 days
	 * that plan-service counts. One use day alone is relapse risk MODERATE, not HIGH.
	 */
	static Map<String, Object> primingCheckIn(String patient, String program, Instant now) {
		return useCheckIn(patient, program, now.minus(Duration.ofDays(2)));
	}

	/** The measured relapse check-in: use just now, the patient's second use day. */
	static Map<String, Object> relapseCheckIn(String patient, String program, Instant now) {
		return useCheckIn(patient, program, now.minusSeconds(1));
	}

	// craving low, so only the two use days make the risk HIGH (not S7)
	private static Map<String, Object> useCheckIn(String patient, String program, Instant occurredAt) {
		return checkIn(patient, program, occurredAt.truncatedTo(ChronoUnit.MILLIS).toString(), 4, 3, List.of("alcohol"),
				5);
	}

	private static Map<String, Object> checkIn(String patient, String program, String occurredAt, int mood, int craving,
			List<String> substances, int stress) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", patient);
		body.put("programId", program);
		body.put("occurredAt", occurredAt);
		body.put("mood", mood);
		body.put("craving", craving);
		body.put("usedSinceLastCheckIn", !substances.isEmpty());
		body.put("substances", substances);
		body.put("sleepHours", 7);
		body.put("stress", stress);
		body.put("medicationTakenAsPrescribed", true);
		return body;
	}

	/** PHQ-9 items 1-8 adding up to {@code rest} (at most 24), item 9 as given. */
	static Map<String, Integer> phq9(int rest, int item9) {
		Map<String, Integer> items = new LinkedHashMap<>();
		int left = Math.min(rest, 24);
		for (int item = 1; item <= 8; item++) {
			int value = Math.min(3, left);
			items.put(Integer.toString(item), value);
			left -= value;
		}
		items.put("9", item9);
		return items;
	}

	private static Map<String, Object> assessment(String patient, String program, String instrument, String occurredAt,
			Map<String, Integer> items) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", patient);
		body.put("programId", program);
		body.put("instrument", instrument);
		body.put("occurredAt", occurredAt);
		body.put("items", items);
		return body;
	}

	private void send(Submission submission, long intended, boolean measured) {
		String outcome = post(this.config.assessmentUrl().resolve(submission.path()), submission.body());
		if (measured) {
			this.answerLatency.recordValue(Math.max(0, System.nanoTime() - intended));
		}
		if (!outcome.startsWith("2")) {
			// refused: no alert will come
			switch (submission.kind()) {
				case SAFETY -> this.safety.pending.remove(submission.patientId());
				case RELAPSE -> this.relapse.pending.remove(submission.patientId());
				case ORDINARY -> {
				}
			}
		}
		this.outcomes.computeIfAbsent(submission.label() + " " + outcome, (k) -> new AtomicLong()).incrementAndGet();
	}

	/** POSTs the body: the status code, or why there was none. */
	private String post(URI uri, Map<String, Object> body) {
		try {
			return Integer
				.toString(this.http.send(request(uri, body), HttpResponse.BodyHandlers.discarding()).statusCode());
		}
		catch (IOException ex) {
			return "failed (" + ex.getClass().getSimpleName() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** The one place a POST is built: JSON, an idempotency key, the bearer token. */
	private HttpRequest request(URI uri, Map<String, Object> body) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(ATTEMPT_TIMEOUT_SECONDS))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.header("Idempotency-Key", "bench-" + java.util.UUID.randomUUID())
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		this.postTokens.token().ifPresent((t) -> builder.header("Authorization", "Bearer " + t));
		return builder.build();
	}

	private void readStream(CountDownLatch connected) {
		URI uri = this.config.alertsUrl()
			.resolve("/api/v1/alerts/stream?programId="
					+ URLEncoder.encode(this.config.programId(), StandardCharsets.UTF_8));
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
			this.streamTokens.token().ifPresent((t) -> builder.header("Authorization", "Bearer " + t));
			HttpResponse<Stream<String>> response = this.http.send(builder.build(),
					HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				this.streamRefused.set("alert-service's stream answered " + response.statusCode()
						+ " (is the stream client allowed to read program " + this.config.programId() + "?)");
				connected.countDown();
				return;
			}
			SseParser parser = new SseParser();
			try (Stream<String> lines = response.body()) {
				this.stream.set(lines);
				lines.forEach((line) -> {
					long arrived = System.nanoTime();
					connected.countDown();
					if (Thread.currentThread().isInterrupted()) {
						throw new StreamClosed();
					}
					parser.line(line).ifPresent((event) -> onEvent(event, arrived));
				});
			}
		}
		catch (StreamClosed ex) {
			// the run is over
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			if (!Thread.currentThread().isInterrupted()) {
				System.err.println("alert-service's stream failed: " + ex.getClass().getSimpleName());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void onEvent(SseParser.Event event, long arrived) {
		long arrivedEpochMillis = System.currentTimeMillis();
		this.streamEvents.incrementAndGet();
		streamAlert(event).ifPresent((alert) -> {
			// a primed patient's first alert, whatever its kind, says the first use day
			// was folded
			if (this.awaitingPrime.remove(alert.patientId())) {
				this.primeConfirmed.incrementAndGet();
			}
			switch (alert.answers()) {
				case SAFETY -> this.safety.arrived(alert, arrived, arrivedEpochMillis);
				case RELAPSE -> this.relapse.arrived(alert, arrived, arrivedEpochMillis);
				case ORDINARY -> {
				}
			}
		});
	}

	/**
	 * An {@code alert} event's alert (alert-service sends it as JSON, {@code patientId},
	 * {@code kind} and {@code raisedAt} among its fields).
	 *
	 * @param raisedAt when alert-service raised it, when it says
	 */
	record StreamAlert(String kind, String patientId, @Nullable Instant raisedAt) {

		/**
		 * The measured path this alert ends: a SAFETY alert the safety one, a
		 * RELAPSE_RISK alert the relapse one (not SUBSTANCE_USE: one use day raises that
		 * too); none for any other kind.
		 */
		OpenLoopSchedule.Kind answers() {
			return switch (this.kind) {
				case SAFETY_KIND -> OpenLoopSchedule.Kind.SAFETY;
				case RELAPSE_KIND -> OpenLoopSchedule.Kind.RELAPSE;
				default -> OpenLoopSchedule.Kind.ORDINARY;
			};
		}

	}

	/** The alert of an {@code alert} event that names a patient, else empty. */
	static Optional<StreamAlert> streamAlert(SseParser.Event event) {
		if (!event.name().equals("alert")) {
			return Optional.empty();
		}
		JsonNode alert;
		try {
			alert = JSON.readTree(event.data());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		String patient = alert.path("patientId").asString();
		return patient.isEmpty() ? Optional.empty()
				: Optional.of(new StreamAlert(alert.path("kind").asString(), patient, raisedAt(alert).orElse(null)));
	}

	/** The patient id of an {@code alert} event about a SAFETY alert. */
	static Optional<String> safetyPatient(SseParser.Event event) {
		return patientOf(event, OpenLoopSchedule.Kind.SAFETY);
	}

	/** The patient id of an {@code alert} event about a RELAPSE_RISK alert. */
	static Optional<String> relapseRiskPatient(SseParser.Event event) {
		return patientOf(event, OpenLoopSchedule.Kind.RELAPSE);
	}

	private static Optional<String> patientOf(SseParser.Event event, OpenLoopSchedule.Kind path) {
		return streamAlert(event).filter((alert) -> alert.answers() == path).map(StreamAlert::patientId);
	}

	/** The alert's {@code raisedAt}, when it has one. */
	static Optional<Instant> raisedAt(SseParser.Event event) {
		try {
			return raisedAt(JSON.readTree(event.data()));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Instant> raisedAt(JsonNode alert) {
		try {
			String raised = alert.path("raisedAt").asString();
			return raised.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(raised));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * When a measured submission was due, on the monotonic clock and on the wall clock
	 * (to compare with the alert's {@code raisedAt}, set by alert-service on this
	 * machine).
	 */
	private record Pending(long intendedNanos, long intendedEpochMillis) {
	}

	/**
	 * One measured path: its submissions waiting for their alert (patient id to when it
	 * was due) and its figures.
	 */
	private static final class MeasuredPath {

		final Map<String, Pending> pending = new ConcurrentHashMap<>();

		final Recorder latency = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

		final Recorder toRaised = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

		final Recorder raisedToStream = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

		final AtomicLong matched = new AtomicLong();

		void arrived(StreamAlert alert, long arrivedNanos, long arrivedEpochMillis) {
			Pending due = this.pending.remove(alert.patientId());
			if (due == null) {
				return;
			}
			this.latency.recordValue(Math.max(0, arrivedNanos - due.intendedNanos()));
			this.matched.incrementAndGet();
			Instant raised = alert.raisedAt();
			if (raised != null) {
				this.toRaised.recordValue(
						TimeUnit.MILLISECONDS.toNanos(Math.max(0, raised.toEpochMilli() - due.intendedEpochMillis())));
				this.raisedToStream.recordValue(
						TimeUnit.MILLISECONDS.toNanos(Math.max(0, arrivedEpochMillis - raised.toEpochMilli())));
			}
		}

	}

	private static final class StreamClosed extends RuntimeException {

		StreamClosed() {
			super(null, null, false, false);
		}

	}

}
