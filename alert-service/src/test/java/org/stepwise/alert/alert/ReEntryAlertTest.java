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
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-entry signal of aftercare (S17, issue 22 item 4) on the real broker: the signal
 * on the progress topic and its recommendation on the plans topic make one RE_ENTRY
 * alert, HIGH, that carries the recommendation to approve (a return to IOP, 1.0 -> 2.1)
 * and resolves with the clinician's decision, not when the signal clears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ReEntryAlertTest {

	static final Instant AT = Instant.parse("2026-06-15T03:00:00Z");

	@Test
	void aReEntrySignalRaisesOneReEntryAlertWithItsRecommendationResolvedByTheDecision() {
		String patient = "patient-" + System.nanoTime();
		String evidence = "in aftercare since 2026-03-12: use reported on 2026-06-14; return to IOP recommended";
		SignalFired s17 = new SignalFired("S17", "RE_ENTRY", Severity.HIGH, evidence,
				Map.of("useOn", "2026-06-14", "aftercareSince", "2026-03-12"), AT.minusSeconds(3600));
		String recommendationId = patient + "-rec-1";
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(assessed(patient, 1, List.of(s17)));
			TestEvents.publish(EventEnvelope.of("/test",
					new RecommendationMade(recommendationId, "plan-" + patient, "program-a", patient,
							RecommendationKind.RE_ENTRY, new LevelOfCare("1.0", 3), new LevelOfCare("2.1", 3),
							List.of(new Reason("S17", evidence, s17.values())), List.of("clinician-1"), "test", AT),
					AT));

			AlertRaised raised = (AlertRaised) probe.awaitEvents(patient, 1, Duration.ofSeconds(30)).get(0).data();
			assertThat(raised.kind()).isEqualTo("RE_ENTRY");
			assertThat(raised.severity()).isEqualTo(Severity.HIGH);
			assertThat(raised.evidence()).isEqualTo("Recommended RE_ENTRY 1.0 -> 2.1, awaiting approval: " + evidence);
			assertThat(raised.values()).containsEntry("recommendationId", recommendationId)
				.containsEntry("toLevel", "2.1");

			// the signal clearing does not resolve it: the recommendation still waits
			TestEvents.publish(assessed(patient, 2, List.of()));
			TestEvents.publish(EventEnvelope.of("/test", new RecommendationDecided(recommendationId, "plan-" + patient,
					"program-a", patient, true, "clinician-1", AT.plusSeconds(60)), AT));

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 2, Duration.ofSeconds(30));
			AlertChanged resolved = (AlertChanged) events.get(1).data();
			assertThat(resolved.kind()).isEqualTo("RE_ENTRY");
			assertThat(resolved.change()).isEqualTo("RESOLVED");
			assertThat(resolved.by()).isEqualTo("clinician-1");
			assertThat(events).hasSize(2);
		}
	}

	private static EventEnvelope<ProgressAssessed> assessed(String patient, long revision, List<SignalFired> signals) {
		return EventEnvelope.of("/test", new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, false,
				signals, List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision)), AT);
	}

}
