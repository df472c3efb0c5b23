package org.stepwise.plan.progress;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event time on the real broker and database
 * ({@code stepwise.plan.clinical-time=events}): history from two months ago is evaluated
 * as of when it happened. Use on two days in a row is HIGH relapse risk on the day of the
 * second; on the wall clock both days would be outside the 14-day window and the risk
 * LOW. Own database and consumer group, starting at the end of the topics, so no other
 * test's events move this context's event time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "stepwise.plan.clinical-time=events", "spring.mongodb.database=stepwise-plan-event-time",
				"spring.cloud.stream.bindings.progressInputs-in-0.group=plan-service-event-time",
				"spring.cloud.stream.kafka.bindings.progressInputs-in-0.consumer.start-offset=latest" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class EventTimeTest {

	@Autowired
	PatientFileRepository patients;

	@Autowired
	ClinicalTime time;

	@Autowired
	BindingsLifecycleController bindings;

	static final String BINDING = "progressInputs-in-0";

	@Test
	void historyIsEvaluatedAsOfWhenItHappened() {
		Instant firstUse = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plusSeconds(18 * 3600);
		Instant secondUse = firstUse.plus(1, ChronoUnit.DAYS);
		// another patient's later fact moves event time past this patient's facts
		Instant otherPatientLater = secondUse.plus(5, ChronoUnit.DAYS);
		awaitConsuming(otherPatientLater);
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRESS)) {
			TestEvents.publish(checkIn(patient, "1", firstUse, true));
			TestEvents.publish(checkIn(patient, "2", secondUse, true));

			probe.awaitEvents(patient, 1, Duration.ofSeconds(30));
			// one assessment per poll: one or two, the last after both days of use
			ProgressAssessed high = (ProgressAssessed) probe.quietFor(patient, Duration.ofSeconds(2)).getLast().data();
			assertThat(high.riskLevel()).isEqualTo(RiskLevel.HIGH);
			assertThat(high.assessedAt()).isEqualTo(secondUse);
			assertThat(high.signals()).anySatisfy((signal) -> {
				assertThat(signal.id()).isEqualTo("S6");
				assertThat(signal.severity().name()).isEqualTo("HIGH");
			});
			// each patient's facts at their own time; event time is the latest of all
			assertThat(this.time.now()).isAfterOrEqualTo(otherPatientLater);
		}
	}

	@Test
	void factsOfSeveralDaysInOnePollAreAssessedDayByDay() throws InterruptedException {
		Instant firstUse = Instant.now().minus(50, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plusSeconds(18 * 3600);
		Instant secondUse = firstUse.plus(1, ChronoUnit.DAYS);
		Instant weeksLater = firstUse.plus(20, ChronoUnit.DAYS);
		awaitConsuming(firstUse.minus(1, ChronoUnit.DAYS));
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRESS)) {
			// paused, so the three days arrive in one poll, as in a catch-up
			this.bindings.pause(BINDING);
			Thread.sleep(1000);
			TestEvents.publish(checkIn(patient, "1", firstUse, true));
			TestEvents.publish(checkIn(patient, "2", secondUse, true));
			TestEvents.publish(checkIn(patient, "3", weeksLater, false));
			Thread.sleep(1000);
			this.bindings.resume(BINDING);

			probe.awaitEvents(patient, 3, Duration.ofSeconds(30));
			List<ProgressAssessed> assessed = probe.quietFor(patient, Duration.ofSeconds(2))
				.stream()
				.map((e) -> (ProgressAssessed) e.data())
				.toList();
			// one per day: use once (MODERATE), twice (HIGH), and nothing in 14 days
			// (LOW)
			assertThat(assessed).extracting(ProgressAssessed::assessedAt)
				.containsExactly(firstUse, secondUse, weeksLater);
			assertThat(assessed).extracting(ProgressAssessed::riskLevel)
				.containsExactly(RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.LOW);
		}
		finally {
			this.bindings.resume(BINDING);
		}
	}

	/**
	 * The group reads from the end of the topics: waits until it has joined and reads (a
	 * fact of {@code at} for a patient of its own).
	 */
	private void awaitConsuming(Instant at) {
		String sentinel = "patient-" + System.nanoTime();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			TestEvents.publish(checkIn(sentinel, "s", at, false));
			return this.patients.existsById(sentinel);
		});
	}

	private static EventEnvelope<CheckInSubmitted> checkIn(String patient, String n, Instant at, boolean used) {
		return EventEnvelope.of("/test",
				new CheckInSubmitted(patient + "/" + n, "program-a", patient, 5, 3, used,
						used ? List.of("alcohol") : List.of(), BigDecimal.valueOf(7), 4, true,
						used ? Set.of(SensitivityLabel.PART2) : Set.of(), at, at.plusSeconds(2)),
				at.plusSeconds(2));
	}

}
