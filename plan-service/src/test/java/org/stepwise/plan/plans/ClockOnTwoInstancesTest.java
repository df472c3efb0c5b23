package org.stepwise.plan.plans;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of plan-service run the clinical clock's pass over one store (issue 20,
 * {@code ./stepwise --instances 2}). Two passes at once, as two instances' timers may
 * fire, must change each due patient once: every write of a patient document is
 * conditional on the version read, so the pass that loses re-reads and finds the patient
 * no longer due. Recommendations nobody decided are the clock's changes here: each
 * expires once, with one event, published at once.
 */
@PlanServiceTest
class ClockOnTwoInstancesTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	static final LocalDate START = LocalDate.of(2026, 10, 5);

	static final int PATIENTS = 4;

	@Autowired
	TestRestTemplate http;

	@Autowired
	Evaluations evaluations;

	final String run = "clock-twice-" + System.nanoTime();

	@Test
	void twoClockPassesAtOnceExpireEachRecommendationOnce() throws Exception {
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add(this.run + "-" + i);
		}
		try (TopicProbe plans = TopicProbe.from(Topics.PLANS)) {
			PlanServiceTest.CLOCK.set(at(0, 8));
			String admin = TestTokens.token("clinician-a", List.of("clinician", "program-admin"), List.of("program-a"),
					"clinician-a", null);
			for (String patient : patients) {
				assertThat(enrol(admin, patient)).isEqualTo(HttpStatus.CREATED);
			}
			PlanServiceTest.CLOCK.set(at(0, 11));
			for (String patient : patients) {
				// an intake PHQ-9 of 21 recommends a step up
				TestEvents.publish(EventEnvelope.of("/test",
						new AssessmentScored("phq-" + patient, "program-a", patient, Instrument.PHQ9, Map.of("9", 0),
								21, Map.of(), "severe", List.of(), SafetyLevel.NONE, Set.of(), at(0, 10), at(0, 10)),
						at(0, 10)));
			}
			for (String patient : patients) {
				assertThat(of(plans.awaitEvents(patient, 2, Duration.ofSeconds(60)), RecommendationMade.class))
					.hasSize(1);
			}

			// fifteen days later nobody has decided: both instances' timers fire at once
			PlanServiceTest.CLOCK.set(at(15, 0).plusSeconds(120));
			CyclicBarrier together = new CyclicBarrier(2);
			List<CompletableFuture<Integer>> passes = new ArrayList<>();
			for (int instance = 0; instance < 2; instance++) {
				passes.add(CompletableFuture.supplyAsync(() -> {
					try {
						together.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					return this.evaluations.evaluateDue(500);
				}));
			}
			passes.forEach(CompletableFuture::join);

			for (String patient : patients) {
				plans.awaitEvents(patient, 3, Duration.ofSeconds(20));
			}
			plans.quietFor(this.run, Duration.ofSeconds(3));
			for (String patient : patients) {
				assertThat(of(plans.quietFor(patient, Duration.ZERO), RecommendationDecided.class))
					.as("the expiry of one patient's recommendation")
					.hasSize(1);
			}
		}
	}

	private HttpStatus enrol(String token, String patient) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		Map<String, Object> body = Map.ofEntries(Map.entry("patientId", patient), Map.entry("programId", "program-a"),
				Map.entry("levelOfCare", Map.of("code", "2.1", "edition", 3)), Map.entry("adolescent", false),
				Map.entry("weeklyHours", 9), Map.entry("sessionsPerWeek", 3),
				Map.entry("careTeam", List.of("clinician-a")), Map.entry("mode", "RECOMMEND_ONLY"),
				Map.entry("startDate", START.toString()));
		return HttpStatus
			.valueOf(this.http.exchange("/api/v1/plans", HttpMethod.POST, new HttpEntity<>(body, headers), String.class)
				.getStatusCode()
				.value());
	}

	private static <T> List<T> of(List<EventEnvelope<StepwiseEvent>> events, Class<T> type) {
		return events.stream().map(EventEnvelope::data).filter(type::isInstance).map(type::cast).toList();
	}

	static Instant at(int day, int hour) {
		return START.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(ZONE).toInstant();
	}

}
