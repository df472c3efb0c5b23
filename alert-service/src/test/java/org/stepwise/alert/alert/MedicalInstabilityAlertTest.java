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
 * The eating-disorder signals (issue 22 item 3) reach the alert path on the real broker
 * like any other: medical instability (S14) a CRITICAL MEDICAL_INSTABILITY alert with the
 * evidence, rapid weight loss (S15) a HIGH RAPID_WEIGHT_LOSS one, both resolved by
 * themselves when the signals clear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class MedicalInstabilityAlertTest {

	static final Instant AT = Instant.parse("2026-03-05T16:00:00Z");

	@Test
	void medicalInstabilityIsACriticalAlertAndRapidWeightLossAHighOne() {
		String patient = "patient-" + System.nanoTime();
		SignalFired s14 = new SignalFired("S14", "MEDICAL_INSTABILITY", Severity.CRITICAL,
				"heart rate 48/min by day on 2026-03-05 (under 50)",
				Map.of("heartRatePerMin", "48", "timeOfDay", "DAY", "criteria", "heartRate"), AT);
		SignalFired s15 = new SignalFired("S15", "RAPID_WEIGHT_LOSS", Severity.HIGH,
				"weight 50.0, 48.9, 47.8 kg weekly since 2026-02-19, down 1.1 and 1.1 kg a week",
				Map.of("weightsKg", "50.0,48.9,47.8", "weeklyLossKg", "1.1,1.1", "weeks", "2"),
				Instant.parse("2026-02-19T16:00:00Z"));
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(assessed(patient, 1, List.of(s14, s15)));

			List<AlertRaised> raised = probe.awaitEvents(patient, 2, Duration.ofSeconds(30))
				.stream()
				.map((event) -> (AlertRaised) event.data())
				.toList();
			assertThat(raised).extracting(AlertRaised::kind, AlertRaised::severity)
				.containsExactlyInAnyOrder(
						org.assertj.core.groups.Tuple.tuple("MEDICAL_INSTABILITY", Severity.CRITICAL),
						org.assertj.core.groups.Tuple.tuple("RAPID_WEIGHT_LOSS", Severity.HIGH));
			assertThat(raised).filteredOn((a) -> a.kind().equals("MEDICAL_INSTABILITY"))
				.singleElement()
				.satisfies(
						(a) -> assertThat(a.evidence()).isEqualTo("heart rate 48/min by day on 2026-03-05 (under 50)"));

			TestEvents.publish(assessed(patient, 2, List.of()));

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 4, Duration.ofSeconds(30));
			assertThat(events.subList(2, 4))
				.allSatisfy((event) -> assertThat(((AlertChanged) event.data()).change()).isEqualTo("AUTO_RESOLVED"));
		}
	}

	private static EventEnvelope<ProgressAssessed> assessed(String patient, long revision, List<SignalFired> signals) {
		return EventEnvelope.of("/test", new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, false,
				signals, List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision)), AT);
	}

}
