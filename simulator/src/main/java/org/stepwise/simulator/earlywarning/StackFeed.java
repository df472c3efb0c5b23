package org.stepwise.simulator.earlywarning;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.ScheduledSession;
import org.stepwise.simulator.drive.Driver;

/**
 * Feeds a stack on event time so that plan-service evaluates a cohort at the instants
 * {@link OfflineReplay} does, one clinical day after the other:
 * <ol>
 * <li>before a day, a marker check-in of a patient outside the sample at local midnight +
 * 60 s moves plan-service's event time to exactly the instant of the clinical-clock look,
 * and the driver waits for two clock passes, so every patient is looked at then, before
 * any fact of the day (without it the look would happen whenever a pass runs, at the
 * latest fact of any patient, or never on a silent day);</li>
 * <li>after the day's enrolments and sessions the driver waits until plan-service has
 * applied them;</li>
 * <li>then each patient's facts of the day go one at a time in the order they arrive
 * ({@link org.stepwise.simulator.cohort.Arrivals}), every patient's next fact in one
 * round, and after each round the driver waits until plan-service has applied them, so it
 * evaluates every fact on its own at its clinical time, as OfflineReplay does (and as
 * plan-service does live, when facts trickle in). Sent all at once, a patient's facts of
 * a day from two services reach plan-service in polls of any split and order, and an
 * evaluation on part of them may raise a level that hysteresis then holds.</li>
 * </ol>
 * "Applied" is counted: the sample's events on the input topics, then plan-service's
 * committed offsets must pass them.
 */
final class StackFeed implements Driver.Pacing, AutoCloseable {

	/** plan-service's consumer group on the input topics. */
	static final String PLAN_SERVICE_GROUP = "plan-service";

	static final List<String> INPUT_TOPICS = List.of(Topics.ATTENDANCE, Topics.CHECKINS, Topics.ASSESSMENTS);

	private final CohortSpec spec;

	private final Cohort sample;

	private final String clockPatient;

	private final Set<String> subjects = new HashSet<>();

	private final URI planService;

	private final HttpClient http;

	private final Duration timeout;

	private final KafkaConsumer<byte[], byte[]> inputs;

	private final Admin admin;

	private final EventCodec codec = new EventCodec();

	private final Map<String, Integer> seen = new HashMap<>();

	private Driver driver;

	/**
	 * @param clockPatient the id of the marker patient (not in the sample); its check-ins
	 * move event time
	 */
	StackFeed(CohortSpec spec, Cohort sample, String clockPatient, String bootstrap, URI planService, HttpClient http,
			Duration timeout) {
		this.spec = spec;
		this.sample = sample;
		this.clockPatient = clockPatient;
		sample.patients().forEach((p) -> this.subjects.add(p.patientId()));
		this.subjects.add(clockPatient);
		this.planService = planService;
		this.http = http;
		this.timeout = timeout;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		this.inputs = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : INPUT_TOPICS) {
			this.inputs.partitionsFor(topic)
				.forEach((p) -> partitions.add(new TopicPartition(p.topic(), p.partition())));
		}
		this.inputs.assign(partitions);
		long held = this.inputs.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		if (held > 0) {
			this.inputs.close();
			// event time only moves forward: facts already seen may have moved it
			// past the cohort's days, and the looks would not come at midnight
			throw new IllegalStateException(
					"the parity check needs a fresh stack; its input topics already hold " + held + " events");
		}
		Properties adminConfig = new Properties();
		adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		this.admin = Admin.create(adminConfig);
	}

	/** The driver whose check-in endpoint posts the markers. */
	void attach(Driver driver) {
		this.driver = driver;
	}

	@Override
	public void beforeDay(int day) throws InterruptedException {
		LocalDate date = this.spec.day(day);
		Instant look = date.atStartOfDay(this.spec.zone()).toInstant().plusSeconds(OfflineReplay.MIDNIGHT_LOOK_SECONDS);
		Observations.CheckIn marker = new Observations.CheckIn(this.clockPatient, day, look, 6, 0, false, List.of(),
				BigDecimal.valueOf(8), 2, true, 10, false, null);
		this.driver.checkIn(this.spec, marker,
				"parity-" + this.spec.seed() + "-" + this.spec.firstDay() + "-clock-" + day);
		awaitApplied(Map.of(CheckInSubmitted.class.getSimpleName(), 1), "the clock marker of " + date);
		long passes = clockPasses();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		// the pass running now may have read event time before the marker moved it
		while (clockPasses() < passes + 2) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("plan-service ran no clinical-clock pass within " + this.timeout
						+ " (is stepwise.plan.evaluation-interval short, e.g. STEPWISE_PLAN_EVALUATION_INTERVAL=200ms?)");
			}
			Thread.sleep(20);
		}
	}

	@Override
	public void afterSchedule(int day) throws InterruptedException {
		int slots = this.sample.sessions()
			.stream()
			.filter((s) -> s.dayIndex() == day)
			.mapToInt((s) -> s.roster().size())
			.sum();
		awaitApplied(Map.of(SessionScheduled.class.getSimpleName(), slots), "the sessions of " + this.spec.day(day));
	}

	@Override
	public boolean factByFact() {
		return true;
	}

	@Override
	public void afterRound(int day, int round, List<Observations.Observation> sent) throws InterruptedException {
		Map<String, Integer> expected = new HashMap<>();
		for (Observations.Observation fact : sent) {
			String type = switch (fact) {
				case Observations.Attendance a -> AttendanceRecorded.class.getSimpleName();
				case Observations.CheckIn c -> CheckInSubmitted.class.getSimpleName();
				case Observations.Assessment a -> AssessmentScored.class.getSimpleName();
			};
			expected.merge(type, 1, Integer::sum);
		}
		awaitApplied(expected, "fact " + (round + 1) + " of each patient on " + this.spec.day(day));
	}

	/**
	 * Waits until the input topics carry {@code expected} more events of the sample (by
	 * event class), then until plan-service has consumed everything up to them.
	 */
	private void awaitApplied(Map<String, Integer> expected, String what) throws InterruptedException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (!reached(expected)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"waited " + this.timeout + " for " + what + ": expected " + expected + ", saw " + this.seen);
			}
			for (ConsumerRecord<byte[], byte[]> record : this.inputs.poll(Duration.ofMillis(50))) {
				EventEnvelope<StepwiseEvent> event = this.codec.decode(record.value());
				if (this.subjects.contains(event.subject())) {
					this.seen.merge(event.data().getClass().getSimpleName(), 1, Integer::sum);
				}
			}
		}
		expected.forEach((type, n) -> this.seen.merge(type, -n, Integer::sum));
		Map<TopicPartition, Long> positions = new HashMap<>();
		this.inputs.assignment().forEach((tp) -> positions.put(tp, this.inputs.position(tp)));
		while (!consumed(positions)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("plan-service did not consume " + what + " within " + this.timeout);
			}
			Thread.sleep(20);
		}
	}

	private boolean reached(Map<String, Integer> expected) {
		return expected.entrySet().stream().allMatch((e) -> this.seen.getOrDefault(e.getKey(), 0) >= e.getValue());
	}

	private boolean consumed(Map<TopicPartition, Long> positions) throws InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed;
		try {
			committed = this.admin.listConsumerGroupOffsets(PLAN_SERVICE_GROUP).partitionsToOffsetAndMetadata().get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("could not read plan-service's offsets", ex.getCause());
		}
		return positions.entrySet().stream().allMatch((e) -> {
			OffsetAndMetadata at = committed.get(e.getKey());
			return (at != null) ? at.offset() >= e.getValue() : e.getValue() == 0;
		});
	}

	/**
	 * Clinical-clock passes plan-service has run (its evaluation timer, trigger
	 * schedule).
	 */
	private long clockPasses() throws InterruptedException {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(this.planService.resolve("/actuator/prometheus"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			return clockPasses(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not read plan-service's metrics", ex);
		}
	}

	static long clockPasses(String prometheus) {
		long passes = 0;
		for (String line : prometheus.split("\n")) {
			if (line.startsWith("stepwise_progress_evaluation_seconds_count{")
					&& line.contains("trigger=\"schedule\"")) {
				passes += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return passes;
	}

	/** The sessions of a sample, with only the sample's patients on their rosters. */
	static List<ScheduledSession> sampleSessions(List<ScheduledSession> sessions, Set<String> patients) {
		List<ScheduledSession> kept = new ArrayList<>();
		for (ScheduledSession s : sessions) {
			List<String> roster = s.roster().stream().filter(patients::contains).toList();
			if (!roster.isEmpty()) {
				kept.add(new ScheduledSession(s.key(), s.dayIndex(), s.day(), s.type(), s.modality(), s.startsAt(),
						s.endsAt(), s.facilitatorId(), roster));
			}
		}
		return kept;
	}

	@Override
	public void close() {
		this.inputs.close();
		this.admin.close();
	}

}
