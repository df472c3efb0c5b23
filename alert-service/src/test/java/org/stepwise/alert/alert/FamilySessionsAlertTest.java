package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S13, family sessions missed (issue 22), reaches the alert path like any MEDIUM signal
 * on the real broker: a FAMILY_SESSIONS_MISSED alert with the evidence in words, which
 * resolves itself when the signal clears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class FamilySessionsAlertTest {

	static final Instant AT = Instant.parse("2026-03-10T23:00:00Z");

	@Test
	void missedFamilySessionsRaiseAMediumAlertThatResolvesWhenTheyStop() {
		String patient = "patient-" + System.nanoTime();
		SignalFired s13 = new SignalFired("S13", "FAMILY_SESSIONS_MISSED", Severity.MEDIUM,
				"2 family sessions missed in a row: 3 and 10 March",
				Map.of("consecutiveMissed", "2", "first", "2026-03-03", "last", "2026-03-10"),
				Instant.parse("2026-03-03T22:00:00Z"));
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(assessed(patient, 1, List.of(s13)));

			AlertRaised raised = (AlertRaised) probe.awaitEvents(patient, 1, Duration.ofSeconds(30)).get(0).data();
			assertThat(raised.kind()).isEqualTo("FAMILY_SESSIONS_MISSED");
			assertThat(raised.severity()).isEqualTo(Severity.MEDIUM);
			assertThat(raised.evidence()).isEqualTo("2 family sessions missed in a row: 3 and 10 March");

			TestEvents.publish(assessed(patient, 2, List.of()));

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 2, Duration.ofSeconds(30));
			assertThat(((AlertChanged) events.get(1).data()).change()).isEqualTo("AUTO_RESOLVED");
		}
	}

	private static EventEnvelope<ProgressAssessed> assessed(String patient, long revision, List<SignalFired> signals) {
		return EventEnvelope.of("/test", new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, false,
				signals, List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision)), AT);
	}

}
