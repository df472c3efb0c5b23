package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Progress assessments on the real broker become alerts: one per patient and kind,
 * auto-resolved when clear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AlertProjectionTest {

	static final Instant AT = Instant.parse("2026-03-04T21:00:00Z");

	@Autowired
	AlertRepository alerts;

	@Test
	void aSignalOpensOneAlertThatNewEvidenceUpdatesAndClearingResolves() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			EventEnvelope<ProgressAssessed> twoMissed = assessed(patient, 1, disengagement(Severity.MEDIUM, 2));
			TestEvents.publish(twoMissed);
			TestEvents.publish(twoMissed);
			TestEvents.publish(assessed(patient, 2, disengagement(Severity.HIGH, 3)));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient),
						(list) -> list.size() == 1 && list.get(0).severity() == Severity.HIGH);
			Alert alert = this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).get(0);
			assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
			assertThat(alert.evidence()).isEqualTo("3 unexcused no-shows in a row");
			assertThat(alert.careTeam()).containsExactly("clinician-1");

			TestEvents.publish(assessed(patient, 3));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.alerts.findById(alert.id()).orElseThrow().status() == AlertStatus.AUTO_RESOLVED);
			List<EventEnvelope<org.stepwise.contracts.StepwiseEvent>> events = probe.awaitEvents(patient, 3,
					Duration.ofSeconds(20));
			assertThat(events.get(0).data()).isInstanceOf(AlertRaised.class);
			assertThat(events.subList(1, 3)).extracting((e) -> ((AlertChanged) e.data()).change())
				.containsExactly("UPDATED", "AUTO_RESOLVED");
			assertThat(probe.quietFor(patient, Duration.ofSeconds(1))).hasSize(3);
		}
	}

	@Test
	void highRelapseRiskIsAnAlertOfItsOwnThatResolvesWhenTheRiskFalls() {
		String patient = "patient-" + System.nanoTime();
		SignalFired repeatedUse = use(Severity.HIGH, 2);
		TestEvents.publish(assessed(patient, 1, RiskLevel.MODERATE, use(Severity.MEDIUM, 1)));
		TestEvents.publish(assessed(patient, 2, RiskLevel.HIGH, repeatedUse));
		TestEvents.publish(assessed(patient, 3, RiskLevel.HIGH, repeatedUse));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> active(patient, RelapseRiskRule.KIND),
					(alert) -> alert != null && alert.sourceRevision() == 3);
		Alert risk = active(patient, RelapseRiskRule.KIND);
		assertThat(risk.severity()).isEqualTo(Severity.HIGH);
		assertThat(risk.evidence()).isEqualTo("Relapse risk HIGH: S6 SUBSTANCE_USE (use on 2 day(s) in 14 days)");
		assertThat(risk.values()).containsEntry("signals", "S6")
			.containsEntry(AlertProjector.FIRST_ASSESSED_AT, AT.plusSeconds(2).toString());
		// each progress alert keeps when its own condition was first assessed
		assertThat(active(patient, "SUBSTANCE_USE").values()).containsEntry(AlertProjector.FIRST_ASSESSED_AT,
				AT.plusSeconds(1).toString());

		TestEvents.publish(assessed(patient, 4, RiskLevel.MODERATE, use(Severity.MEDIUM, 1)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.alerts.findById(risk.id()).orElseThrow().status() == AlertStatus.AUTO_RESOLVED);
		assertThat(active(patient, "SUBSTANCE_USE")).isNotNull();
	}

	@Test
	void theEarlyWarningIsOneRelapseRiskAlertWhoseSeverityFollowsItsLevelInPlace() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(warned(patient, 1, LapseRiskLevel.ELEVATED, 27));
			TestEvents.publish(warned(patient, 2, LapseRiskLevel.HIGH, 46));
			TestEvents.publish(warned(patient, 3, LapseRiskLevel.ELEVATED, 25));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> active(patient, RelapseRiskRule.KIND),
						(alert) -> alert != null && alert.sourceRevision() == 3);
			Alert risk = active(patient, RelapseRiskRule.KIND);
			assertThat(risk.severity()).isEqualTo(Severity.MEDIUM);
			assertThat(risk.evidence()).isEqualTo("Early warning: lapse risk ELEVATED (25% in 7 days, model"
					+ " lapse-risk-0.1): craving up from 2 to 7 over 6 days; confidence down from 9 to 3 over 5 days");
			assertThat(risk.values()).containsEntry("drivers", "cravingRise,confidenceDrop")
				.containsEntry("driver:confidenceDrop", "confidence down from 9 to 3 over 5 days")
				.containsEntry("lapseRiskPercent", "25")
				.containsEntry(AlertProjector.FIRST_ASSESSED_AT, AT.plusSeconds(1).toString());
			assertThat(this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)).hasSize(1);

			TestEvents.publish(warned(patient, 4, LapseRiskLevel.LOW, 10));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.alerts.findById(risk.id()).orElseThrow().status() == AlertStatus.AUTO_RESOLVED);
			List<EventEnvelope<org.stepwise.contracts.StepwiseEvent>> events = probe.awaitEvents(patient, 4,
					Duration.ofSeconds(20));
			assertThat(events.get(0).data()).isInstanceOfSatisfying(AlertRaised.class,
					(raised) -> assertThat(raised.severity()).isEqualTo(Severity.MEDIUM));
			assertThat(events.subList(1, 4))
				.extracting((e) -> ((AlertChanged) e.data()).change() + " " + ((AlertChanged) e.data()).severity())
				.containsExactly("UPDATED HIGH", "UPDATED MEDIUM", "AUTO_RESOLVED MEDIUM");
		}
	}

	private static EventEnvelope<ProgressAssessed> warned(String patient, long revision, LapseRiskLevel level,
			int percent) {
		LapseRisk warning = new LapseRisk(percent, level, "lapse-risk-0.1",
				List.of(new LapseRisk.Driver("cravingRise", "craving up from 2 to 7 over 6 days", 15),
						new LapseRisk.Driver("confidenceDrop", "confidence down from 9 to 3 over 5 days", 12)));
		return EventEnvelope.of("/test",
				new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, false, List.of(),
						List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision),
						warning),
				AT);
	}

	private Alert active(String patient, String kind) {
		return this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)
			.stream()
			.filter((alert) -> alert.kind().equals(kind) && alert.status() == AlertStatus.OPEN)
			.findFirst()
			.orElse(null);
	}

	private static SignalFired use(Severity severity, int days) {
		return new SignalFired("S6", "SUBSTANCE_USE", severity, "use on " + days + " day(s) in 14 days",
				Map.of("useDays", Integer.toString(days)), AT);
	}

	@Test
	void theSafetyFastPathAndPlanServicesSafetySignalShareOneAlert() {
		String patient = "patient-" + System.nanoTime();
		for (int round = 0; round < 5; round++) {
			// both paths at once: the assessment itself and plan-service's S1 from it
			TestEvents.publish(criticalPhq9(patient));
			TestEvents.publish(assessed(patient, round + 1, new SignalFired("S1", "SAFETY", Severity.CRITICAL,
					"PHQ-9 item 9 = 2 on 2026-03-04", Map.of("item9", "2"), AT)));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty());
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> list.size() == 1);
		assertThat(this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)).singleElement()
			.satisfies((alert) -> assertThat(alert.kind()).isEqualTo("SAFETY"));
	}

	private static EventEnvelope<AssessmentScored> criticalPhq9(String patient) {
		Map<String, Integer> items = new java.util.HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", 2);
		return EventEnvelope.of("/test", new AssessmentScored("assessment-" + System.nanoTime(), "program-a", patient,
				Instrument.PHQ9, items, 10, Map.of(), "moderate", List.of(), SafetyLevel.CRITICAL, Set.of(), AT, AT),
				AT);
	}

	private static SignalFired disengagement(Severity severity, int noShows) {
		return new SignalFired("S9", "DISENGAGEMENT", severity, noShows + " unexcused no-shows in a row",
				Map.of("consecutiveNoShows", Integer.toString(noShows)), AT);
	}

	private static EventEnvelope<ProgressAssessed> assessed(String patient, long revision, SignalFired... signals) {
		return assessed(patient, revision, signals.length == 0 ? RiskLevel.LOW : RiskLevel.MODERATE, signals);
	}

	private static EventEnvelope<ProgressAssessed> assessed(String patient, long revision, RiskLevel risk,
			SignalFired... signals) {
		return EventEnvelope
			.of("/test",
					new ProgressAssessed("program-a", patient, revision, risk, false, List.of(signals),
							List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision)),
					AT);
	}

}
