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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 */
public final class LatencyBench {

	private static final String USAGE = """
			Usage: bench/latency.sh [options]
			  --assessment-url URL   assessment-service (default http://127.0.0.1:8082)
			  --alerts-url URL       alert-service, for its SSE stream (default http://127.0.0.1:8084)
			  --rate N               requests per second, open loop (default 200)
			  --duration S           seconds of load (default 60)
			  --safety-fraction F    share of safety-flagged PHQ-9s (default 0.05 = 10/s at 200/s)
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

	private final Config config;

	private final HttpClient http;

	private final TokenSource postTokens;

	private final TokenSource streamTokens;

	/** Safety submissions waiting for their alert: patient id to intended send time. */
	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Recorder toRaised = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

	private final Recorder raisedToStream = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

	private final Recorder alertLatency = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

	private final Recorder answerLatency = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private final AtomicLong alertsMatched = new AtomicLong();

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
	 */
	record Config(URI assessmentUrl, URI alertsUrl, OpenLoopSchedule schedule, Duration warmup, String programId,
			int patients, Duration drain) {
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
				Double.parseDouble(options.getOrDefault("safety-fraction", "0.05")));
		String program = options.getOrDefault("program", "program-a");
		Config config = new Config(URI.create(options.getOrDefault("assessment-url", "http://127.0.0.1:8082")),
				URI.create(options.getOrDefault("alerts-url", "http://127.0.0.1:8084")), schedule,
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5"))), program,
				Integer.parseInt(options.getOrDefault("patients", "200")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "15"))));
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
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i] + " (--help lists the options)");
			}
			String name = args[i].substring(2);
			if (name.equals("help")) {
				options.put(name, "");
			}
			else if (i + 1 < args.length) {
				options.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
		}
		return options;
	}

	/** The figures of one run. */
	record Result(OpenLoopSchedule schedule, Duration warmup, String programId, long sent, Duration sendSpan,
			long maxLagNanos, Histogram alertLatency, Histogram toRaised, Histogram raisedToStream,
			Histogram answerLatency, long safetySent, long alertsMatched, long streamEvents,
			Map<String, Long> outcomes) {

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
			out.append("HTTP answers:\n");
			this.outcomes.forEach((key, count) -> out.append(String.format(Locale.ROOT, "  %-34s %8d%n", key, count)));
			out.append(String.format(Locale.ROOT,
					"%nSafety fast path, intended send -> SAFETY alert on the SSE stream"
							+ " (%d of %d alerted; %d stream events in all):%n",
					this.alertsMatched, this.safetySent, this.streamEvents));
			out.append(percentiles(this.alertLatency));
			out.append(
					"  of which intended send -> the alert's raisedAt (HTTP, outbox relay, Kafka, alert-service):\n");
			out.append(percentiles(this.toRaised));
			out.append("  and raisedAt -> arrival on the stream (SSE delivery):\n");
			out.append(percentiles(this.raisedToStream));
			out.append(String.format(Locale.ROOT, "  target p99 <= 100 ms: %s%n",
					(this.alertLatency.getTotalCount() == 0) ? "not measured"
							: (millis(this.alertLatency.getValueAtPercentile(99)) <= 100 ? "met" : "missed")));
			out.append(String.format(Locale.ROOT, "%nHTTP answer, intended send -> answer (all measured requests):%n"));
			out.append(percentiles(this.answerLatency));
			return out.toString();
		}

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
		long safetySent = 0;
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
				Submission submission = submission(i, schedule.safety(i), run);
				boolean measured = schedule.offsetNanos(i) >= warmup;
				if (submission.safety() && measured) {
					safetySent++;
					this.pending.put(submission.patientId(),
							new Pending(intended, (startEpochNanos + schedule.offsetNanos(i)) / 1_000_000L));
				}
				senders.submit(() -> send(submission, intended, measured));
			}
			// close() waits for the answers
		}
		long deadline = System.nanoTime() + this.config.drain().toNanos();
		while (!this.pending.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		reader.interrupt();
		Stream<String> open = this.stream.get();
		if (open != null) {
			open.close();
		}
		Map<String, Long> outcomes = new TreeMap<>();
		this.outcomes.forEach((key, value) -> outcomes.put(key, value.get()));
		return new Result(schedule, this.config.warmup(), this.config.programId(), count,
				Duration.ofNanos(lastSend - start), this.maxLagNanos.get(), this.alertLatency.getIntervalHistogram(),
				this.toRaised.getIntervalHistogram(), this.raisedToStream.getIntervalHistogram(),
				this.answerLatency.getIntervalHistogram(), safetySent, this.alertsMatched.get(),
				this.streamEvents.get(), outcomes);
	}

	/** One request of the load. */
	record Submission(String path, String kind, String patientId, Map<String, Object> body, boolean safety) {
	}

	/**
	 * Request {@code i}: a safety-flagged PHQ-9 for a patient of its own, else
	 * alternately a check-in and an unflagged assessment (PHQ-9 or GAD-7) for one of the
	 * ordinary patients.
	 */
	Submission submission(long i, boolean safety, String run) {
		String occurredAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
		String program = this.config.programId();
		if (safety) {
			String patient = String.format(Locale.ROOT, "lat%s-s%06d", run, i);
			return new Submission("/api/v1/assessments", "assessment PHQ9 (item 9 = 2)", patient,
					assessment(patient, program, "PHQ9", occurredAt, phq9((int) (i % 7), 2)), true);
		}
		String patient = String.format(Locale.ROOT, "lat%s-p%04d", run, i % this.config.patients());
		if (i % 2 == 0) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("patientId", patient);
			body.put("programId", program);
			body.put("occurredAt", occurredAt);
			body.put("mood", (int) (i % 11));
			body.put("craving", (int) ((i / 2) % 6));
			body.put("usedSinceLastCheckIn", false);
			body.put("substances", List.of());
			body.put("sleepHours", 7);
			body.put("stress", (int) ((i / 3) % 11));
			body.put("medicationTakenAsPrescribed", true);
			return new Submission("/api/v1/check-ins", "check-in", patient, body, false);
		}
		if (i % 4 == 1) {
			return new Submission("/api/v1/assessments", "assessment PHQ9", patient,
					assessment(patient, program, "PHQ9", occurredAt, phq9((int) (i % 13), 0)), false);
		}
		Map<String, Integer> gad7 = new LinkedHashMap<>();
		for (int item = 1; item <= 7; item++) {
			gad7.put(Integer.toString(item), (int) ((i + item) % 3));
		}
		return new Submission("/api/v1/assessments", "assessment GAD7", patient,
				assessment(patient, program, "GAD7", occurredAt, gad7), false);
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
		String outcome;
		try {
			HttpResponse<Void> response = this.http.send(
					post(this.config.assessmentUrl().resolve(submission.path()), submission.body()),
					HttpResponse.BodyHandlers.discarding());
			outcome = Integer.toString(response.statusCode());
		}
		catch (IOException ex) {
			outcome = "failed (" + ex.getClass().getSimpleName() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = "interrupted";
		}
		if (measured) {
			this.answerLatency.recordValue(Math.max(0, System.nanoTime() - intended));
		}
		if (submission.safety() && !outcome.startsWith("2")) {
			this.pending.remove(submission.patientId());
		}
		this.outcomes.computeIfAbsent(submission.kind() + " " + outcome, (k) -> new AtomicLong()).incrementAndGet();
	}

	/** The one place a POST is built: JSON, an idempotency key, the bearer token. */
	private HttpRequest post(URI uri, Map<String, Object> body) throws IOException, InterruptedException {
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
		safetyPatient(event).ifPresent((patient) -> {
			Pending due = this.pending.remove(patient);
			if (due != null) {
				this.alertLatency.recordValue(Math.max(0, arrived - due.intendedNanos()));
				this.alertsMatched.incrementAndGet();
				raisedAt(event).ifPresent((raised) -> {
					this.toRaised.recordValue(TimeUnit.MILLISECONDS
						.toNanos(Math.max(0, raised.toEpochMilli() - due.intendedEpochMillis())));
					this.raisedToStream.recordValue(
							TimeUnit.MILLISECONDS.toNanos(Math.max(0, arrivedEpochMillis - raised.toEpochMilli())));
				});
			}
		});
	}

	/**
	 * The patient id of an {@code alert} event about a SAFETY alert (alert-service sends
	 * the alert as JSON, {@code patientId} and {@code kind} among its fields).
	 */
	static Optional<String> safetyPatient(SseParser.Event event) {
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
		if (!"SAFETY".equals(alert.path("kind").asString())) {
			return Optional.empty();
		}
		String patient = alert.path("patientId").asString();
		return patient.isEmpty() ? Optional.empty() : Optional.of(patient);
	}

	/** The alert's {@code raisedAt}, when it has one. */
	static Optional<Instant> raisedAt(SseParser.Event event) {
		try {
			String raised = JSON.readTree(event.data()).path("raisedAt").asString();
			return raised.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(raised));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * When a safety submission was due, on the monotonic clock and on the wall clock (to
	 * compare with the alert's {@code raisedAt}, set by alert-service on this machine).
	 */
	private record Pending(long intendedNanos, long intendedEpochMillis) {
	}

	private static final class StreamClosed extends RuntimeException {

		StreamClosed() {
			super(null, null, false, false);
		}

	}

}
