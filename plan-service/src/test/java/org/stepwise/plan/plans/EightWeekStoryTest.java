package org.stepwise.plan.plans;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.ClinicalClock;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.PatientFileRepository;
import org.stepwise.plan.progress.domain.Retention;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One patient through eight weeks of IOP on the real broker and database, day by day on a
 * controlled clinical clock: three weeks of improvement (nothing to say), a lapse (use,
 * craving and two no-shows: risk HIGH, intensity 9 -> 12 -> 15 h a week by the system, no
 * more than once in 7 days; silence found by the clinical-clock pass alone), recovery
 * (risk back to LOW), then step-down readiness on the 28th day without use (a taper and a
 * recommendation to OP that a clinician approves).
 */
@PlanServiceTest
class EightWeekStoryTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/** Day 0, a Monday, well in the past so no record is timestamped in the future. */
	static final LocalDate START = LocalDate.of(2026, 6, 1);

	static final String SOURCE = PlanServiceTest.SOURCE;

	static final PlanServiceTest.MutableClock CLOCK = PlanServiceTest.CLOCK;

	@Autowired
	TestRestTemplate http;

	@Autowired
	PatientFileRepository patients;

	@Autowired
	ClinicalClock clinicalClock;

	@Autowired
	Programs programs;

	static final String CLINICIAN = TestTokens.clinician("clinician-a", "program-a");

	static final String LEAD_CLINICIAN = TestTokens.token("clinician-a", List.of("clinician", "program-admin"),
			List.of("program-a"), "clinician-a", null);

	final String patient = "story-" + System.nanoTime();

	final List<EventEnvelope<StepwiseEvent>> published = new ArrayList<>();

	@Test
	void improvingThenALapseThenRecoveryToStepDown() {
		try (TopicProbe progress = TopicProbe.from(Topics.PROGRESS); TopicProbe plans = TopicProbe.from(Topics.PLANS)) {
			CLOCK.set(at(0, 8, 0));
			// enrolled by a clinician who is also a program admin (enrolment is an
			// admin's);
			// who acted comes from the token, the body's "by" is ignored
			ResponseEntity<JsonNode> enrolled = call(LEAD_CLINICIAN, HttpMethod.POST, "/api/v1/plans",
					Map.ofEntries(Map.entry("patientId", this.patient), Map.entry("programId", "program-a"),
							Map.entry("levelOfCare", Map.of("code", "2.1", "edition", 3)),
							Map.entry("adolescent", false), Map.entry("weeklyHours", 9),
							Map.entry("sessionsPerWeek", 3), Map.entry("modalities", List.of("CBT")),
							Map.entry("careTeam", List.of("clinician-a")), Map.entry("mode", "AUTOMATIC"),
							Map.entry("startDate", START.toString()), Map.entry("by", "clinician-a")));
			assertThat(enrolled.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(enrolled.getBody().at("/plan/version").asInt()).isEqualTo(1);

			// Weeks 1-3: every session attended, low craving, PHQ-9 14 -> 10
			for (int day = 0; day <= 20; day++) {
				List<StepwiseEvent> events = routine(day, 3);
				if (day == 0) {
					events.add(score("phq-0", Instrument.PHQ9, day, 14, Map.of("9", 0)));
					events.add(score("gad-0", Instrument.GAD7, day, 8, Map.of()));
				}
				if (day == 14) {
					events.add(score("phq-14", Instrument.PHQ9, day, 10, Map.of("9", 0)));
				}
				live(day, events);
			}
			assertThat(file().state().revision()).as("nothing to report while improving").isZero();
			assertThat(file().state().plans()).hasSize(1);

			// Week 4: a no-show, use (check-in and a positive screen), craving, a second
			// no-show
			live(21, sessions(21, AttendanceStatus.NO_SHOW, checkIn(21, 3, false)));
			live(22, List.of(checkIn(22, 8, true), uds("uds-22", 22)));
			assertThat(file().state().riskLevel()).isEqualTo(RiskLevel.MODERATE);
			assertThat(ids(file().state().signals())).containsExactly("S6");
			live(23, sessions(23, AttendanceStatus.NO_SHOW, checkIn(23, 8, false)));
			assertThat(file().state().riskLevel()).isEqualTo(RiskLevel.HIGH);
			assertThat(ids(file().state().signals())).containsExactly("S6", "S7", "S9", "S10");
			assertThat(file().state().plan().weeklyHours()).isEqualByComparingTo("12");
			assertThat(file().state().plan().direction()).isEqualTo(ChangeDirection.STEP_UP);
			assertThat(file().state().plan().changedBy()).isEqualTo("system");
			assertThat(file().state().plan().reasons()).extracting("code").contains("RISK_HIGH", "S6");

			// No check-ins for four days: only the clinical clock can notice
			live(24, List.of());
			live(25, sessions(25, AttendanceStatus.ATTENDED));
			live(26, List.of());
			morning(27);
			assertThat(ids(file().state().signals())).contains("S12");
			live(27, List.of());

			// Week 5 on: back in treatment, craving low, no use
			for (int day = 28; day <= 55; day++) {
				List<StepwiseEvent> events = routine(day, 2);
				if (day == 42) {
					events.add(score("phq-42", Instrument.PHQ9, day, 6, Map.of("9", 0)));
					events.add(score("gad-42", Instrument.GAD7, day, 5, Map.of()));
				}
				live(day, events);
				PatientFile file = file();
				if (day == 28) {
					// check-ins back, craving and silence cleared; week 4 is judged from
					// Tuesday, once its Sunday's grace day is over
					assertThat(ids(file.state().signals())).containsExactly("S6", "S10");
					assertThat(file.state().riskLevel()).isEqualTo(RiskLevel.HIGH);
					// the document keeps the current version only (the rest is plan
					// history)
					assertThat(file.state().plan().version()).as("7-day guardrail").isEqualTo(2);
				}
				if (day == 29) {
					// week 4 delivered 3 h
					assertThat(ids(file.state().signals())).contains("S6", "S10", "S11");
				}
				if (day == 30) {
					assertThat(file.state().plan().weeklyHours()).isEqualByComparingTo("15");
					assertThat(file.state().plan().sessionsPerWeek()).isEqualTo(5);
				}
				if (day == 36) {
					assertThat(file.state().riskLevel()).isEqualTo(RiskLevel.LOW);
					assertThat(file.state().signals()).isEmpty();
				}
				if (day == 49) {
					assertThat(file.state().stepDownReady()).as("the use on day 22 is still in the 28 days").isFalse();
					assertThat(file.state().recommendations()).isEmpty();
				}
				if (day == 50) {
					assertThat(file.state().stepDownReady()).isTrue();
					assertThat(file.state().plan().weeklyHours()).as("taper").isEqualByComparingTo("12");
					assertThat(file.state().plan().direction()).isEqualTo(ChangeDirection.STEP_DOWN);
					assertThat(file.state().recommendations()).singleElement()
						.satisfies((r) -> assertThat(r.kind()).isEqualTo(RecommendationKind.STEP_DOWN));
				}
			}

			// The clinician approves the step down to OP
			String recommendation = file().state().recommendations().getFirst().recommendationId();
			ResponseEntity<JsonNode> approved = call(HttpMethod.POST,
					"/api/v1/recommendations/" + recommendation + "/approve", Map.of("by", "clinician-a"));
			assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(approved.getBody().at("/plan/levelOfCare/code").asString()).isEqualTo("1.0");
			assertThat(approved.getBody().at("/plan/weeklyHours").asDouble()).isEqualTo(8.0);
			assertThat(call(HttpMethod.POST, "/api/v1/recommendations/" + recommendation + "/decline",
					Map.of("by", "clinician-a"))
				.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

			JsonNode history = call(HttpMethod.GET, "/api/v1/patients/" + this.patient + "/plan/history", null)
				.getBody();
			List<String> versions = new ArrayList<>();
			history.forEach((v) -> versions.add(v.get("direction").asString() + " " + v.get("weeklyHours").asInt() + " "
					+ v.get("changedBy").asString()));
			assertThat(versions).containsExactly("ENROLLED 9 clinician-a", "STEP_UP 12 system", "STEP_UP 15 system",
					"STEP_DOWN 12 system", "STEP_DOWN 8 clinician-a");

			// What went out on the topics
			await().atMost(Duration.ofSeconds(30)).until(() -> file().outbox().isEmpty());
			List<StepwiseEvent> planEvents = ours(plans.quietFor(this.patient, Duration.ofMillis(500)));
			List<StepwiseEvent> progressEvents = ours(progress.quietFor(this.patient, Duration.ofMillis(500)));
			assertThat(
					planEvents.stream().filter(PlanChanged.class::isInstance).map((e) -> ((PlanChanged) e).version()))
				.containsExactly(1, 2, 3, 4, 5);
			assertThat(planEvents).filteredOn(RecommendationMade.class::isInstance)
				.singleElement()
				.satisfies((e) -> assertThat(((RecommendationMade) e).toLevel().code()).isEqualTo("1.0"));
			assertThat(planEvents).filteredOn(RecommendationDecided.class::isInstance)
				.singleElement()
				.satisfies((e) -> assertThat(((RecommendationDecided) e).approved()).isTrue());
			List<ProgressAssessed> assessed = progressEvents.stream().map(ProgressAssessed.class::cast).toList();
			assertThat(assessed).extracting(ProgressAssessed::revision)
				.as("one event per change, in order")
				.isSorted()
				.doesNotHaveDuplicates()
				.last()
				.isEqualTo(file().state().revision());
			assertThat(assessed).allSatisfy((a) -> assertThat(a.careTeam()).containsExactly("clinician-a"));
			assertThat(assessed).anySatisfy((a) -> assertThat(a.riskLevel()).isEqualTo(RiskLevel.HIGH));
			assertThat(assessed).anySatisfy((a) -> assertThat(a.stepDownReady()).isTrue());
			// consecutive assessments always differ
			for (int i = 1; i < assessed.size(); i++) {
				ProgressAssessed a = assessed.get(i - 1);
				ProgressAssessed b = assessed.get(i);
				assertThat(List.of(b.riskLevel(), b.stepDownReady(), b.signals()))
					.isNotEqualTo(List.of(a.riskLevel(), a.stepDownReady(), a.signals()));
			}

			JsonNode picture = call(HttpMethod.GET, "/api/v1/patients/" + this.patient + "/progress", null).getBody();
			assertThat(picture.at("/deliveredHoursPerWeek/2026-W26").asDouble()).isEqualTo(3.0);
			assertThat(picture.at("/deliveredHoursPerWeek/2026-W23").asDouble()).isEqualTo(9.0);
		}
	}

	/** The morning pass of the clinical clock, then the day's events in the evening. */
	private void live(int day, List<StepwiseEvent> events) {
		morning(day);
		CLOCK.set(at(day, 21, 0));
		for (StepwiseEvent event : events) {
			TestEvents.publish(EventEnvelope.of("/test", event, CLOCK.instant()));
		}
		if (!events.isEmpty()) {
			// applied: none of the day's events is news to the stored projection any more
			Programs.Settings program = this.programs.settings("program-a");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.patients.findById(this.patient)
					.map((file) -> Retention.of(program.thresholds())
						.news(file.state().projection(), events, program.zone())
						.isEmpty())
					.orElse(false));
		}
	}

	private void morning(int day) {
		CLOCK.set(at(day, 0, 30));
		this.clinicalClock.evaluateDue();
	}

	private PatientFile file() {
		return this.patients.findById(this.patient).orElseThrow();
	}

	private List<StepwiseEvent> ours(List<EventEnvelope<StepwiseEvent>> events) {
		Map<String, StepwiseEvent> byId = new LinkedHashMap<>();
		events.stream().filter((e) -> SOURCE.equals(e.source())).forEach((e) -> byId.putIfAbsent(e.id(), e.data()));
		return new ArrayList<>(byId.values());
	}

	private static List<String> ids(List<SignalFired> signals) {
		return signals.stream().map(SignalFired::id).toList();
	}

	/** Mon/Wed/Fri group sessions attended and a daily check-in with this craving. */
	private List<StepwiseEvent> routine(int day, int craving) {
		List<StepwiseEvent> events = new ArrayList<>();
		events.add(checkIn(day, craving, false));
		if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
			events.addAll(sessions(day, AttendanceStatus.ATTENDED));
		}
		return events;
	}

	private List<StepwiseEvent> sessions(int day, AttendanceStatus status, StepwiseEvent... more) {
		String session = "s-" + this.patient + "-" + day;
		List<StepwiseEvent> events = new ArrayList<>();
		events.add(new SessionScheduled(session, "program-a", this.patient, SessionType.GROUP, Modality.CBT,
				at(day, 9, 0), at(day, 12, 0), "facilitator-1", at(0, 7, 0)));
		events.add(new AttendanceRecorded("r-" + session, session, "program-a", this.patient, SessionType.GROUP, status,
				status.present() ? 180 : 0, 180, at(day, 9, 0), at(day, 12, 30)));
		events.addAll(List.of(more));
		return events;
	}

	private StepwiseEvent checkIn(int day, int craving, boolean used) {
		return new CheckInSubmitted("ci-" + this.patient + "-" + day, "program-a", this.patient, 6, craving, used,
				used ? List.of("opioids") : List.of(), BigDecimal.valueOf(7), 4, true,
				used ? Set.of(SensitivityLabel.PART2) : Set.of(), at(day, 20, 0), at(day, 20, 0));
	}

	private StepwiseEvent score(String id, Instrument instrument, int day, int total, Map<String, Integer> items) {
		return new AssessmentScored(id + "-" + this.patient, "program-a", this.patient, instrument,
				new HashMap<>(items), total, Map.of(), "", List.of(), SafetyLevel.NONE, Set.of(), at(day, 10, 0),
				at(day, 10, 0));
	}

	private StepwiseEvent uds(String id, int day) {
		return new AssessmentScored(id + "-" + this.patient, "program-a", this.patient, Instrument.UDS, Map.of(), null,
				Map.of(), "positive", List.of(new AnalyteResult("opiates", true, false, false, true)), SafetyLevel.NONE,
				Set.of(SensitivityLabel.PART2), at(day, 11, 0), at(day, 11, 0));
	}

	static Instant at(int day, int hour, int minute) {
		return START.plusDays(day).atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
	}

	/** As the care team's clinician {@code clinician-a}. */
	private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
		return call(CLINICIAN, method, path, body);
	}

	/** The one place HTTP requests are built, with the caller's bearer token. */
	private ResponseEntity<JsonNode> call(String token, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
