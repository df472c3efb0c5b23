package org.stepwise.plan.plans;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.programs.ProgramRequest;
import org.stepwise.plan.programs.Programs;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Medical instability (S14) on the real broker and database (issue 22 item 3): a
 * measurement from assessment-service on stepwise.assessments.v1 reaches the patient's
 * projection; an adolescent of an eating-disorder program with a daytime heart rate of 48
 * gets the CRITICAL signal on stepwise.progress.v1 and, in the same evaluation, a
 * recommendation of the next level of care on stepwise.plans.v1. In a program without
 * types the same measurement changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class MedicalInstabilityTest {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Autowired
	Programs programs;

	@Autowired
	PlanService plans;

	@Test
	void aLowDaytimeHeartRateIsCriticalAndRecommendsAHigherLevelTheSameDay() {
		String program = "ed-" + System.nanoTime();
		this.programs.save(program,
				new ProgramRequest("Adolescent eating-disorder IOP", ProgramType.EATING_DISORDER, "America/Chicago",
						"ADOLESCENT", null, null, null, List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT)),
				true);
		String patient = "patient-" + System.nanoTime();
		enrol(program, patient);
		Instant measured = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		try (TopicProbe progress = TopicProbe.from(Topics.PROGRESS); TopicProbe plans = TopicProbe.from(Topics.PLANS)) {
			TestEvents.publish(heartRate(program, patient, 48, measured));

			SignalFired s14 = awaitSignal(progress, patient, "S14");
			assertThat(s14.kind()).isEqualTo("MEDICAL_INSTABILITY");
			assertThat(s14.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(s14.evidence()).startsWith("heart rate 48/min by day on ").endsWith("(under 50)");
			RecommendationMade made = awaitRecommendation(plans, patient);
			assertThat(made.kind()).isEqualTo(RecommendationKind.STEP_UP);
			assertThat(made.toLevel().code()).isEqualTo("2.5");
			assertThat(made.reasons()).extracting(Reason::code).containsExactly("S14");
			assertThat(LocalDate.ofInstant(made.occurredAt(), CHICAGO))
				.isEqualTo(LocalDate.ofInstant(measured, CHICAGO));
		}
	}

	@Test
	void aProgramWithoutTypesDoesNotReadVitals() {
		String patient = "patient-" + System.nanoTime();
		enrol("program-a", patient);
		try (TopicProbe progress = TopicProbe.from(Topics.PROGRESS)) {
			TestEvents.publish(heartRate("program-a", patient, 40, Instant.now().minus(5, ChronoUnit.MINUTES)));
			assertThat(progress.quietFor(patient, Duration.ofSeconds(3))).allSatisfy(
					(event) -> assertThat(((ProgressAssessed) event.data()).signals()).extracting(SignalFired::id)
						.doesNotContain("S14"));
		}
	}

	private void enrol(String program, String patient) {
		this.plans.enrol(new PlanRequests.Enrol(patient, program, new PlanRequests.Level("2.1", 3), true,
				BigDecimal.valueOf(9), 3, List.of("CBT"), List.of("clinician-a1"), PlanMode.AUTOMATIC,
				LocalDate.now(CHICAGO).minusDays(10)), "clinician-a1", null);
	}

	private static EventEnvelope<VitalsRecorded> heartRate(String program, String patient, int perMin, Instant at) {
		return EventEnvelope.of("/test", new VitalsRecorded(patient + "-v1", program, patient, TimeOfDay.DAY, null,
				null, perMin, null, null, null, null, 190, null, null, List.of(), at, at), at);
	}

	/**
	 * The first recommendation made for the patient (the enrolment's plan may come
	 * first).
	 */
	private static RecommendationMade awaitRecommendation(TopicProbe probe, String patient) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, seen + 1, Duration.ofSeconds(30));
			for (EventEnvelope<StepwiseEvent> event : events.subList(seen, events.size())) {
				if (event.data() instanceof RecommendationMade made) {
					return made;
				}
			}
			seen = events.size();
		}
		throw new AssertionError("no recommendation was made for the patient");
	}

	/** The first progress event of the patient that carries the signal. */
	private static SignalFired awaitSignal(TopicProbe probe, String patient, String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, seen + 1, Duration.ofSeconds(30));
			for (EventEnvelope<StepwiseEvent> event : events.subList(seen, events.size())) {
				for (SignalFired signal : ((ProgressAssessed) event.data()).signals()) {
					if (signal.id().equals(id)) {
						return signal;
					}
				}
			}
			seen = events.size();
		}
		throw new AssertionError(id + " was not published for the patient");
	}

}
