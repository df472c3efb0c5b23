package org.stepwise.plan.plans;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationDecision;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.progress.ClinicalClock;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recommendation nobody decides expires on the clinical clock (issue 18): published as
 * decided by {@code stepwise} with the decision EXPIRED (so alert-service resolves its
 * alert), recorded with its reason, and then neither approvable nor declinable (409
 * problem).
 */
@PlanServiceTest
class RecommendationExpiryTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	static final LocalDate START = LocalDate.of(2026, 9, 7);

	@Autowired
	TestRestTemplate http;

	@Autowired
	ClinicalClock clinicalClock;

	final String patient = "expiry-" + System.nanoTime();

	@Test
	void anUndecidedRecommendationExpiresAndCannotBeApprovedAfterwards() {
		try (TopicProbe plans = TopicProbe.from(Topics.PLANS)) {
			PlanServiceTest.CLOCK.set(at(0, 8));
			String admin = TestTokens.token("clinician-a", List.of("clinician", "program-admin"), List.of("program-a"),
					"clinician-a", null);
			assertThat(call(admin, HttpMethod.POST, "/api/v1/plans",
					Map.ofEntries(Map.entry("patientId", this.patient), Map.entry("programId", "program-a"),
							Map.entry("levelOfCare", Map.of("code", "2.1", "edition", 3)),
							Map.entry("adolescent", false), Map.entry("weeklyHours", 9),
							Map.entry("sessionsPerWeek", 3), Map.entry("careTeam", List.of("clinician-a")),
							Map.entry("mode", "RECOMMEND_ONLY"), Map.entry("startDate", START.toString())))
				.getStatusCode()).isEqualTo(HttpStatus.CREATED);

			// an intake PHQ-9 of 21 recommends a step up
			PlanServiceTest.CLOCK.set(at(0, 11));
			TestEvents.publish(EventEnvelope.of("/test",
					new AssessmentScored("phq-" + this.patient, "program-a", this.patient, Instrument.PHQ9,
							Map.of("9", 0), 21, Map.of(), "severe", List.of(), SafetyLevel.NONE, Set.of(), at(0, 10),
							at(0, 10)),
					at(0, 10)));
			RecommendationMade made = only(plans.awaitEvents(this.patient, 2, Duration.ofSeconds(30)),
					RecommendationMade.class);
			assertThat(made.kind()).isEqualTo(RecommendationKind.STEP_UP);

			// fifteen days later, nobody decided: the clock pass expires it
			PlanServiceTest.CLOCK.set(at(15, 0).plusSeconds(120));
			this.clinicalClock.evaluateDue();
			RecommendationDecided expired = only(plans.awaitEvents(this.patient, 3, Duration.ofSeconds(30)),
					RecommendationDecided.class);
			assertThat(expired.recommendationId()).isEqualTo(made.recommendationId());
			assertThat(expired.decision()).isEqualTo(RecommendationDecision.EXPIRED);
			assertThat(expired.decidedBy()).isEqualTo("stepwise");
			assertThat(expired.reason()).isEqualTo("no decision within 14 days");

			JsonNode recommendations = call(TestTokens.clinician("clinician-a", "program-a"), HttpMethod.GET,
					"/api/v1/patients/" + this.patient + "/recommendations", null)
				.getBody();
			assertThat(recommendations.get(0).get("status").asString()).isEqualTo("EXPIRED");
			assertThat(recommendations.get(0).get("closedReason").asString()).isEqualTo("no decision within 14 days");

			for (String decision : List.of("approve", "decline")) {
				ResponseEntity<JsonNode> refused = call(TestTokens.clinician("clinician-a", "program-a"),
						HttpMethod.POST, "/api/v1/recommendations/" + made.recommendationId() + "/" + decision,
						Map.of());
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.isTrue();
				assertThat(refused.getBody().get("detail").asString()).isEqualTo("recommendation expired");
			}
		}
	}

	private static <T> T only(List<EventEnvelope<StepwiseEvent>> events, Class<T> type) {
		List<T> found = events.stream().map(EventEnvelope::data).filter(type::isInstance).map(type::cast).toList();
		assertThat(found).hasSize(1);
		return found.getFirst();
	}

	static Instant at(int day, int hour) {
		return START.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(ZONE).toInstant();
	}

	private ResponseEntity<JsonNode> call(String token, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
