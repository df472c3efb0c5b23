package org.stepwise.simulator.drive;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.simulator.cohort.Arrivals;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.PatientProfile;
import org.stepwise.simulator.cohort.ScheduledSession;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plays a generated cohort against the real HTTP APIs in compressed time: the requests
 * carry the simulated (past) clinical times and are sent as fast as the services take
 * them, day after day in clinical order. Within a day, plans and sessions go first
 * (attendance needs the session ids), then attendance, check-ins and assessments, at most
 * {@code concurrency} requests at a time on virtual threads. Every request has an
 * idempotency key derived from the cohort, so a rerun of the same cohort creates nothing
 * new.
 */
public final class Driver {

	static final String SESSIONS = "POST " + ApiBodies.SESSIONS;

	static final String ATTENDANCE = "POST " + ApiBodies.SESSIONS + "/{id}/attendance";

	static final String CHECK_INS = "POST " + ApiBodies.CHECK_INS;

	static final String ASSESSMENTS = "POST " + ApiBodies.ASSESSMENTS;

	static final String PLANS = "POST " + PlanEnrolmentBody.PATH;

	/**
	 * @param plan plan-service base URL, or null to enrol no plans
	 * @param dayAtLeast how long a clinical day lasts at least in real time: as fast as
	 * the services take the requests, the slower of them (assessment-service, with its
	 * audit) would publish days behind the faster, and plan-service, on event time, would
	 * see a patient's attendance days before the same days' check-ins
	 */
	public record Config(URI attendance, URI assessment, @Nullable URI plan, int concurrency, Duration dayAtLeast) {

		public Config {
			if (concurrency < 1) {
				throw new IllegalArgumentException("concurrency must be at least 1");
			}
			if (dayAtLeast.isNegative()) {
				throw new IllegalArgumentException("a day cannot last less than nothing");
			}
		}

		public Config(URI attendance, URI assessment, @Nullable URI plan, int concurrency) {
			this(attendance, assessment, plan, concurrency, Duration.ZERO);
		}

	}

	/**
	 * @param safetySubmittedAt when each safety-flagged PHQ-9 was sent, by patient id
	 * (the start of the safety alert's latency)
	 */
	public record Result(DriverStats stats, Duration elapsed, Map<String, Instant> safetySubmittedAt) {
	}

	private final Config config;

	private final ApiClient client;

	private final DriverStats stats = new DriverStats();

	private final ApiClient planClient;

	private final Clock clock;

	public Driver(Config config, HttpClient http, TokenSource tokens, Clock clock) {
		this(config, http, tokens, tokens, clock);
	}

	/**
	 * @param tokens for the ingest calls (sessions, attendance, check-ins, assessments)
	 * @param planTokens for plan-service enrolments, which need a program admin of the
	 * program
	 */
	public Driver(Config config, HttpClient http, TokenSource tokens, TokenSource planTokens, Clock clock) {
		this.config = config;
		this.client = new ApiClient(http, tokens, JsonMapper.builder().build(), this.stats);
		this.planClient = (planTokens == tokens) ? this.client
				: new ApiClient(http, planTokens, JsonMapper.builder().build(), this.stats);
		this.clock = clock;
	}

	/**
	 * Where a caller may hold the driver between the steps of a clinical day, e.g. until
	 * the stack has caught up (the early warning's parity check feeds a stack on event
	 * time day by day). The default holds nowhere.
	 */
	public interface Pacing {

		Pacing NONE = new Pacing() {
		};

		/** Before anything of day {@code day} (an index from the cohort's first day). */
		default void beforeDay(int day) throws InterruptedException {
		}

		/**
		 * After the day's enrolments and sessions, before its attendance and check-ins.
		 */
		default void afterSchedule(int day) throws InterruptedException {
		}

		/**
		 * Whether to send each patient's attendance, check-ins and assessments of a day
		 * one at a time in the order they arrive ({@link Arrivals#ofDay}), every
		 * patient's next one together, calling {@link #afterRound} between: plan-service
		 * then evaluates each fact on its own, as it does when facts trickle in live.
		 * Attendance then goes one patient at a time.
		 */
		default boolean factByFact() {
			return false;
		}

		/** Fact by fact: round {@code round} of day {@code day} was answered. */
		default void afterRound(int day, int round, List<Observations.Observation> sent) throws InterruptedException {
		}

		/** After everything of the day was answered. */
		default void afterDay(int day) throws InterruptedException {
		}

	}

	public Result run(Cohort cohort) throws InterruptedException {
		return run(cohort, Pacing.NONE);
	}

	public Result run(Cohort cohort, Pacing pacing) throws InterruptedException {
		CohortSpec spec = cohort.spec();
		String run = "sim-" + spec.seed() + "-" + spec.firstDay() + "-";
		Map<Integer, List<PatientProfile>> enrolments = cohort.patients()
			.stream()
			.map(PatientHistory::profile)
			.collect(Collectors.groupingBy(PatientProfile::enrolDay));
		Map<Integer, List<ScheduledSession>> sessions = cohort.sessions()
			.stream()
			.collect(Collectors.groupingBy(ScheduledSession::dayIndex));
		Map<String, List<Observations.Attendance>> marks = cohort.patients()
			.stream()
			.flatMap((p) -> p.attendance().stream())
			.collect(Collectors.groupingBy(Observations.Attendance::sessionKey));
		Map<Integer, List<Observations.CheckIn>> checkIns = cohort.patients()
			.stream()
			.flatMap((p) -> p.checkIns().stream())
			.collect(Collectors.groupingBy(Observations.CheckIn::dayIndex));
		Map<Integer, List<Observations.Assessment>> assessments = cohort.patients()
			.stream()
			.flatMap((p) -> p.assessments().stream())
			.collect(Collectors.groupingBy(Observations.Assessment::dayIndex));
		Map<String, String> sessionIds = new ConcurrentHashMap<>();
		Map<String, Instant> safety = new ConcurrentHashMap<>();
		Semaphore permits = new Semaphore(this.config.concurrency());
		Instant started = this.clock.instant();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int day = 0; day < spec.days(); day++) {
				pacing.beforeDay(day);
				long dayStarted = System.nanoTime();
				List<Callable<Void>> first = new ArrayList<>();
				if (this.config.plan() != null) {
					for (PatientProfile patient : enrolments.getOrDefault(day, List.of())) {
						first.add(() -> {
							this.planClient.post(PLANS, this.config.plan().resolve(PlanEnrolmentBody.PATH),
									PlanEnrolmentBody.of(spec, patient), run + "plan-" + patient.patientId());
							return null;
						});
					}
				}
				for (ScheduledSession session : sessions.getOrDefault(day, List.of())) {
					first.add(() -> {
						ApiClient.Answer answer = this.client.post(SESSIONS,
								this.config.attendance().resolve(ApiBodies.SESSIONS), ApiBodies.session(spec, session),
								run + "session-" + session.key());
						if (answer.ok()) {
							sessionIds.put(session.key(), this.client.field(answer, "id"));
						}
						return null;
					});
				}
				runAll(executor, permits, first);
				pacing.afterSchedule(day);

				if (pacing.factByFact()) {
					sendFactByFact(cohort, day, executor, permits, pacing,
							(fact) -> post(spec, run, fact, sessionIds, marks, safety));
				}
				else {
					List<Callable<Void>> second = new ArrayList<>();
					for (ScheduledSession session : sessions.getOrDefault(day, List.of())) {
						second.add(() -> {
							postAttendance(run, session.key(), marks.getOrDefault(session.key(), List.of()),
									"attendance-" + session.key(), sessionIds);
							return null;
						});
					}
					for (Observations.CheckIn checkIn : checkIns.getOrDefault(day, List.of())) {
						second.add(() -> post(spec, run, checkIn, sessionIds, marks, safety));
					}
					for (Observations.Assessment assessment : assessments.getOrDefault(day, List.of())) {
						second.add(() -> post(spec, run, assessment, sessionIds, marks, safety));
					}
					runAll(executor, permits, second);
				}
				pacing.afterDay(day);
				long rest = this.config.dayAtLeast().toNanos() - (System.nanoTime() - dayStarted);
				if (rest > 0) {
					TimeUnit.NANOSECONDS.sleep(rest);
				}
			}
		}
		return new Result(this.stats, Duration.between(started, this.clock.instant()), Map.copyOf(safety));
	}

	/**
	 * Every patient's first fact of the day, then every patient's second, ..., each round
	 * answered before the next.
	 */
	private static void sendFactByFact(Cohort cohort, int day, ExecutorService executor, Semaphore permits,
			Pacing pacing, FactSender sender) throws InterruptedException {
		Map<String, ScheduledSession> sessions = cohort.sessionsByKey();
		List<List<Observations.Observation>> patients = cohort.patients()
			.stream()
			.map((p) -> Arrivals.ofDay(p, sessions, day))
			.filter((facts) -> !facts.isEmpty())
			.toList();
		int rounds = patients.stream().mapToInt(List::size).max().orElse(0);
		for (int round = 0; round < rounds; round++) {
			List<Observations.Observation> sent = new ArrayList<>();
			List<Callable<Void>> tasks = new ArrayList<>();
			for (List<Observations.Observation> facts : patients) {
				if (round < facts.size()) {
					Observations.Observation fact = facts.get(round);
					sent.add(fact);
					tasks.add(() -> sender.send(fact));
				}
			}
			runAll(executor, permits, tasks);
			pacing.afterRound(day, round, List.copyOf(sent));
		}
	}

	private interface FactSender {

		@Nullable Void send(Observations.Observation fact) throws InterruptedException;

	}

	/** One observation to its service; attendance alone (one patient of the session). */
	private @Nullable Void post(CohortSpec spec, String run, Observations.Observation fact,
			Map<String, String> sessionIds, Map<String, List<Observations.Attendance>> marks,
			Map<String, Instant> safety) throws InterruptedException {
		switch (fact) {
			case Observations.Attendance mark -> postAttendance(run, mark.sessionKey(), List.of(mark),
					"attendance-" + mark.sessionKey() + "-" + mark.patientId(), sessionIds);
			case Observations.CheckIn checkIn -> this.client.post(CHECK_INS,
					this.config.assessment().resolve(ApiBodies.CHECK_INS), ApiBodies.checkIn(spec, checkIn),
					run + "checkin-" + checkIn.patientId() + "-" + checkIn.dayIndex());
			case Observations.Assessment assessment -> {
				if (assessment.instrument() == Instrument.PHQ9 && assessment.items().get("9") >= 2) {
					safety.put(assessment.patientId(), this.clock.instant());
				}
				this.client.post(ASSESSMENTS, this.config.assessment().resolve(ApiBodies.ASSESSMENTS),
						ApiBodies.assessment(spec, assessment), run + "assessment-" + assessment.patientId() + "-"
								+ assessment.instrument() + "-" + assessment.dayIndex());
			}
		}
		return null;
	}

	private void postAttendance(String run, String sessionKey, List<Observations.Attendance> marks, String key,
			Map<String, String> sessionIds) throws InterruptedException {
		String id = sessionIds.get(sessionKey);
		if (id == null) {
			this.stats.record(ATTENDANCE, 0, "skipped: the session was not created");
			return;
		}
		this.client.post(ATTENDANCE, this.config.attendance().resolve(ApiBodies.attendancePath(id)),
				ApiBodies.attendance(marks), run + key);
	}

	/**
	 * Posts one check-in outside a cohort (with the cohort's ingest token), e.g. a marker
	 * that moves plan-service's event time.
	 */
	public void checkIn(CohortSpec spec, Observations.CheckIn checkIn, String idempotencyKey)
			throws InterruptedException {
		ApiClient.Answer answer = this.client.post(CHECK_INS, this.config.assessment().resolve(ApiBodies.CHECK_INS),
				ApiBodies.checkIn(spec, checkIn), idempotencyKey);
		if (!answer.ok()) {
			throw new IllegalStateException("assessment-service answered " + answer.status() + ": " + answer.body());
		}
	}

	private static void runAll(ExecutorService executor, Semaphore permits, List<Callable<Void>> tasks)
			throws InterruptedException {
		List<Future<Void>> futures = new ArrayList<>();
		for (Callable<Void> task : tasks) {
			futures.add(executor.submit(() -> {
				permits.acquire();
				try {
					return task.call();
				}
				finally {
					permits.release();
				}
			}));
		}
		for (Future<Void> future : futures) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A request task failed", ex.getCause());
			}
		}
	}

}
