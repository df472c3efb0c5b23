package org.stepwise.plan.plans;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
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
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.progress.ClinicalClock;
import org.stepwise.plan.progress.PlanMetrics;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discharge and aftercare through plan-service on the real broker and database (issue 22,
 * item 4): the discharge action with its guardrails (OP or planned, once, a reason,
 * problem details), the phase on {@code stepwise.plans.v1}; use reported in aftercare
 * publishes S17 on {@code stepwise.progress.v1} and a RE_ENTRY recommendation whose
 * approval brings the patient back to IOP; the clinical clock closes a finished
 * aftercare.
 */
@PlanServiceTest
class AftercareApiTest {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ClinicalClock clinicalClock;

	@Autowired
	PlanMetrics metrics;

	@Autowired
	MeterRegistry meters;

	/** A clinician of program-b who is also its admin (enrolment is an admin's). */
	final String token = TestTokens.token("clinician-b", List.of("clinician", "program-admin"), List.of("program-b"),
			"clinician-b", null);

	@Test
	void aDischargedPatientWhoReportsUseInAMonthlyCheckInIsRecommendedBackToIop() {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		String patient = "aftercare-" + System.nanoTime();
		String plan = "/api/v1/patients/" + patient + "/plan";
		assertThat(enrol(patient, "2.1", "2026-01-05").getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<JsonNode> noReason = call(HttpMethod.POST, plan + "/discharge", Map.of("planned", false));
		assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noReason.getBody().toString()).contains("reason").doesNotContain(patient);
		ResponseEntity<JsonNode> notAtOp = call(HttpMethod.POST, plan + "/discharge",
				Map.of("planned", false, "reason", "doing well"));
		assertThat(notAtOp.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(notAtOp.getBody().get("detail").asString()).contains("step-down to OP");

		String other = "aftercare-op-" + System.nanoTime();
		assertThat(enrol(other, "1.0", "2026-01-05").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		try (TopicProbe plans = TopicProbe.from(Topics.PLANS); TopicProbe progress = TopicProbe.from(Topics.PROGRESS)) {
			// discharged from OP on 20 February, recorded now: week 15, the monthly
			// check-ins
			JsonNode discharged = call(HttpMethod.POST, "/api/v1/patients/" + other + "/plan/discharge",
					Map.of("planned", false, "reason", "eight weeks at OP without use", "dischargedOn", "2026-02-20"))
				.getBody();
			assertThat(discharged.at("/plan/phase").asString()).isEqualTo("AFTERCARE");
			assertThat(discharged.at("/plan/phaseSince").asString()).isEqualTo("2026-02-20");
			assertThat(discharged.at("/plan/changedBy").asString()).isEqualTo("clinician-b");
			PlanChanged published = await(plans, other,
					(event) -> (event instanceof PlanChanged c && c.phase() != PlanPhase.IOP) ? c : null);
			assertThat(published.phase()).isEqualTo(PlanPhase.AFTERCARE);
			assertThat(published.phaseSince()).isEqualTo(LocalDate.of(2026, 2, 20));
			// the census counts the patient in aftercare, by program type and phase
			this.metrics.refreshPatients();
			assertThat(this.meters.get("stepwise.patients").tags("phase", "AFTERCARE").gauges()).isNotEmpty()
				.allSatisfy((gauge) -> assertThat(gauge.getId().getTag("program_type")).isNotBlank());
			assertThat(call(HttpMethod.POST, "/api/v1/patients/" + other + "/plan/discharge",
					Map.of("planned", true, "reason", "again"))
				.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			// no check-in since the discharge: the first weekly one (27 February) is
			// late,
			// an outreach prompt on the progress picture, not a signal
			JsonNode progressPicture = call(HttpMethod.GET, "/api/v1/patients/" + other + "/progress", null).getBody();
			// the program's instruments are for treatment: in aftercare none is due or
			// overdue (the enrolment on 5 January would have the PHQ-9 long overdue)
			assertThat(progressPicture.get("instruments").valueStream()).isEmpty();
			assertThat(call(HttpMethod.GET, "/api/v1/instruments-due", null).getBody().valueStream())
				.noneMatch((due) -> due.get("patientId").asString().equals(other));
			JsonNode aftercare = progressPicture.get("aftercare");
			assertThat(aftercare.get("week").asInt()).isEqualTo(15);
			assertThat(aftercare.get("words").asString())
				.isEqualTo("Aftercare, week 15: check-in overdue 94 days, reach out");
			assertThat(aftercare.get("nextCheckUpOn").asString()).isEqualTo("2026-08-20");

			Instant checkIn = Instant.parse("2026-06-01T12:00:00Z");
			TestEvents.publish(EventEnvelope.of("/test", new CheckInSubmitted("ci-" + other, "program-b", other, 5, 6,
					true, List.of("alcohol"), BigDecimal.valueOf(7), 4, true, Set.of(), checkIn, checkIn), checkIn));

			SignalFired reEntry = await(progress, other, (event) -> event instanceof ProgressAssessed assessed
					? assessed.signals().stream().filter((s) -> s.id().equals("S17")).findFirst().orElse(null) : null);
			assertThat(reEntry.kind()).isEqualTo("RE_ENTRY");
			assertThat(reEntry.evidence()).startsWith("in aftercare since 2026-02-20: use reported on 2026-06-01");
			RecommendationMade made = await(plans, other,
					(event) -> (event instanceof RecommendationMade m && m.kind() == RecommendationKind.RE_ENTRY) ? m
							: null);
			assertThat(made.fromLevel().code()).isEqualTo("1.0");
			assertThat(made.toLevel().code()).isEqualTo("2.1");
			// the check-in counts: the next is the monthly one of 20 June
			assertThat(call(HttpMethod.GET, "/api/v1/patients/" + other + "/progress", null).getBody()
				.at("/aftercare/words")
				.asString()).isEqualTo("Aftercare, week 15: check-in due 2026-06-20");

			JsonNode approved = call(HttpMethod.POST, "/api/v1/recommendations/" + made.recommendationId() + "/approve",
					Map.of())
				.getBody();
			assertThat(approved.at("/plan/phase").asString()).isEqualTo("IOP");
			assertThat(approved.at("/plan/levelOfCare/code").asString()).isEqualTo("2.1");
			assertThat(approved.at("/plan/direction").asString()).isEqualTo("STEP_UP");
			assertThat(call(HttpMethod.GET, "/api/v1/patients/" + other + "/progress", null).getBody()
				.get("aftercare")
				.isNull()).isTrue();
		}
	}

	@Test
	void theClinicalClockClosesAPatientWhoseAftercareIsOverAndKeepsTheHistory() {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		String patient = "aftercare-closing-" + System.nanoTime();
		assertThat(enrol(patient, "1.0", "2026-01-05").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		try (TopicProbe plans = TopicProbe.from(Topics.PLANS)) {
			call(HttpMethod.POST, "/api/v1/patients/" + patient + "/plan/discharge",
					Map.of("planned", false, "reason", "completed OP", "dischargedOn", "2026-05-01"));
			PlanServiceTest.CLOCK.set(Instant.parse("2027-05-01T15:00:00Z"));
			this.clinicalClock.evaluateDue();
			PlanChanged closed = await(plans, patient,
					(event) -> (event instanceof PlanChanged c && c.phase() == PlanPhase.CLOSED) ? c : null);
			assertThat(closed.phaseSince()).isEqualTo(LocalDate.of(2027, 5, 1));
			assertThat(closed.changedBy()).isEqualTo("system");
		}
		finally {
			PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		}
		JsonNode history = call(HttpMethod.GET, "/api/v1/patients/" + patient + "/plan/history", null).getBody();
		assertThat(history.valueStream().map((v) -> v.get("phase").asString())).containsExactly("IOP", "AFTERCARE",
				"CLOSED");
	}

	private ResponseEntity<JsonNode> enrol(String patient, String level, String startDate) {
		Map<String, Object> enrol = new HashMap<>(Map.ofEntries(Map.entry("patientId", patient),
				Map.entry("programId", "program-b"), Map.entry("levelOfCare", Map.of("code", level, "edition", 3)),
				Map.entry("adolescent", false), Map.entry("weeklyHours", 3), Map.entry("sessionsPerWeek", 1),
				Map.entry("careTeam", List.of("clinician-b")), Map.entry("mode", "AUTOMATIC"),
				Map.entry("startDate", startDate)));
		return call(HttpMethod.POST, "/api/v1/plans", enrol);
	}

	/** The first event of the patient the function finds something in. */
	private static <T> T await(TopicProbe probe, String patient, java.util.function.Function<StepwiseEvent, T> find) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, seen + 1, Duration.ofSeconds(30));
			for (EventEnvelope<StepwiseEvent> event : events.subList(seen, events.size())) {
				T found = find.apply(event.data());
				if (found != null) {
					return found;
				}
			}
			seen = events.size();
		}
		throw new AssertionError("not published for the patient");
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(this.token);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
