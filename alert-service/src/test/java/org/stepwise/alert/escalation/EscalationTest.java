package org.stepwise.alert.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Escalation on the real broker and database with a controllable clock: a CRITICAL alert
 * unacknowledged past 15 minutes escalates exactly once, also across a restart (a new
 * escalator over the same database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "stepwise.escalation.check-interval=PT1H")
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class EscalationTest {

	static final MutableClock CLOCK = new MutableClock();

	@Autowired
	AlertRepository alerts;

	@Autowired
	Escalator escalator;

	@Autowired
	Programs programs;

	@Autowired
	OutboxEvents events;

	@Autowired
	OutboxRelay relay;

	@AfterAll
	static void backToRealTime() {
		CLOCK.reset();
	}

	@Test
	void anUnacknowledgedCriticalAlertEscalatesExactlyOnceEvenAcrossARestart() {
		String patient = "patient-" + System.nanoTime();
		String program = "program-" + System.nanoTime();
		TestEvents.publish(EventEnvelope.of("/test", new ProgramUpdated(program, "Evening IOP", ProgramType.ADDICTION,
				"America/Chicago", "ADULT", Map.of(), "oncall-9", List.of(), 1, Instant.now()), Instant.now()));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.programs.find(program).isPresent());
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(criticalPhq9(patient, program));
			Alert alert = await().atMost(Duration.ofSeconds(20))
				.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty())
				.get(0);
			assertThat(alert.escalateAt()).isEqualTo(alert.raisedAt().plus(Duration.ofMinutes(15)));

			CLOCK.advance(Duration.ofMinutes(14));
			assertThat(this.escalator.escalateDue()).extracting(Alert::patientId).doesNotContain(patient);

			CLOCK.advance(Duration.ofMinutes(2));
			// A "restarted" escalator: a new instance with no memory, over the same
			// database, runs alongside.
			Escalator afterRestart = new Escalator(this.alerts, this.programs, this.events, this.relay,
					new SimpleMeterRegistry(), CLOCK);
			List<Alert> first = this.escalator.escalateDue();
			List<Alert> second = afterRestart.escalateDue();

			assertThat(first).extracting(Alert::patientId).contains(patient);
			assertThat(second).extracting(Alert::patientId).doesNotContain(patient);
			Alert escalated = this.alerts.findById(alert.id()).orElseThrow();
			assertThat(escalated.escalatedAt()).isNotNull();
			assertThat(escalated.escalateAt()).isNull();
			assertThat(escalated.escalatedTo()).isEqualTo("oncall-9");
			assertThat(escalated.history()).extracting(Alert.Transition::change).containsExactly("RAISED", "ESCALATED");
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 2, Duration.ofSeconds(20));
			assertThat(((AlertChanged) events.get(1).data()).change()).isEqualTo("ESCALATED");
			assertThat(((AlertChanged) events.get(1).data()).by()).isEqualTo("oncall-9");
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(2);
		}
	}

	private static EventEnvelope<AssessmentScored> criticalPhq9(String patient, String program) {
		Map<String, Integer> items = Map.of("1", 1, "2", 1, "3", 1, "4", 1, "5", 1, "6", 1, "7", 1, "8", 1, "9", 3);
		Instant taken = CLOCK.instant().minusSeconds(60);
		return EventEnvelope.of(
				"/test", new AssessmentScored("assessment-" + System.nanoTime(), program, patient, Instrument.PHQ9,
						items, 11, Map.of(), "moderate", List.of(), SafetyLevel.CRITICAL, Set.of(), taken, taken),
				Instant.now());
	}

	@TestConfiguration
	static class TestClock {

		@Bean
		@Primary
		Clock clock() {
			return CLOCK;
		}

	}

	/**
	 * A ticking clock the test moves forward. It goes back to real time after the test:
	 * this context stays cached while later test classes run, and its schedulers (webhook
	 * retries) share their database.
	 */
	static final class MutableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
