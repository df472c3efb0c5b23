package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reproductions of issue 18 on the real broker and database: an alert a clinician
 * resolved stays resolved when the same evidence is evaluated again (plan-service
 * republishing its progress after an unrelated check-in, the assessment replayed after a
 * restart), and opens again only on materially new evidence (a new PHQ-9).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ReopenOnNewEvidenceTest {

	static final Instant TAKEN = Instant.parse("2026-03-04T15:00:00Z");

	@Autowired
	TestRestTemplate http;

	@Autowired
	AlertRepository alerts;

	@BeforeEach
	void authorize() {
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(),
				TestTokens.clinician("clinician-7", "program-a"));
	}

	@Test
	void aResolvedSafetyAlertStaysResolvedOnTheSameEvidenceAndANewPhq9AlertsAgain() {
		String patient = "patient-" + System.nanoTime();
		EventEnvelope<AssessmentScored> phq9 = phq9(patient, "assessment-" + patient + "-1", 2, TAKEN);
		TestEvents.publish(phq9);
		Alert safety = await().atMost(Duration.ofSeconds(30))
			.until(() -> only(patient, "SAFETY"), (alert) -> alert != null);
		resolve(safety.id());

		// an unrelated check-in: plan-service republishes its picture, S1 of the same
		// PHQ-9 still in it (the craving alert it also opens shows it was handled)
		TestEvents.publish(progress(patient, 2, s1(2, TAKEN), craving()));
		await().atMost(Duration.ofSeconds(30)).until(() -> only(patient, "CRAVING") != null);
		// a restart that replays the assessment and the progress, no new PHQ-9
		TestEvents.publish(EventEnvelope.of("/test", phq9.data(), phq9.time()));
		TestEvents.publish(progress(patient, 3, s1(2, TAKEN), craving()));
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> kinds(patient, "SAFETY"), (list) -> list.size() == 1);
		assertThat(only(patient, "SAFETY").status()).isEqualTo(AlertStatus.RESOLVED);

		// a new PHQ-9 with item 9 above 0: the fast path alerts at once
		TestEvents.publish(phq9(patient, "assessment-" + patient + "-2", 1, TAKEN.plus(Duration.ofDays(7))));
		await().atMost(Duration.ofSeconds(30)).until(() -> kinds(patient, "SAFETY"), (list) -> list.size() == 2);
		assertThat(kinds(patient, "SAFETY")).filteredOn((alert) -> alert.status() == AlertStatus.OPEN)
			.singleElement()
			.satisfies((alert) -> assertThat(alert.evidence()).startsWith("PHQ-9 item 9 = 1"));
	}

	@Test
	void aResolvedDisengagementAlertStaysResolvedOnAnUnrelatedCheckIn() {
		String patient = "patient-" + System.nanoTime();
		TestEvents.publish(progress(patient, 1, noShows(8)));
		Alert disengagement = await().atMost(Duration.ofSeconds(30))
			.until(() -> only(patient, "DISENGAGEMENT"), (alert) -> alert != null);
		resolve(disengagement.id());

		TestEvents.publish(progress(patient, 2, noShows(8), craving()));
		await().atMost(Duration.ofSeconds(30)).until(() -> only(patient, "CRAVING") != null);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> kinds(patient, "DISENGAGEMENT"), (list) -> list.size() == 1);
		assertThat(only(patient, "DISENGAGEMENT").status()).isEqualTo(AlertStatus.RESOLVED);
	}

	private void resolve(String id) {
		this.http.postForObject("/api/v1/alerts/{id}/acknowledge", Map.of("note", "Calling the patient now"),
				JsonNode.class, id);
		JsonNode resolved = this.http.postForObject("/api/v1/alerts/{id}/resolve",
				Map.of("note", "Reached the patient, safety plan reviewed together"), JsonNode.class, id);
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
	}

	private List<Alert> kinds(String patient, String kind) {
		return this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)
			.stream()
			.filter((alert) -> alert.kind().equals(kind))
			.toList();
	}

	private Alert only(String patient, String kind) {
		List<Alert> found = kinds(patient, kind);
		return found.isEmpty() ? null : found.get(0);
	}

	private static EventEnvelope<AssessmentScored> phq9(String patient, String id, int item9, Instant taken) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", item9);
		return EventEnvelope.of("/test",
				new AssessmentScored(id, "program-a", patient, Instrument.PHQ9, items, 8 + item9, Map.of(), "mild",
						List.of(), (item9 >= 2) ? SafetyLevel.CRITICAL : SafetyLevel.HIGH, Set.of(), taken, taken),
				taken);
	}

	private static SignalFired s1(int item9, Instant taken) {
		return new SignalFired("S1", "SAFETY", (item9 >= 2) ? Severity.CRITICAL : Severity.HIGH,
				"PHQ-9 item 9 = " + item9 + " on 2026-03-04", Map.of("item9", Integer.toString(item9)), taken);
	}

	private static SignalFired noShows(int run) {
		return new SignalFired("S9", "DISENGAGEMENT", Severity.HIGH, run + " unexcused no-shows in a row",
				Map.of("consecutiveNoShows", Integer.toString(run)), TAKEN.minus(Duration.ofDays(20)));
	}

	private static SignalFired craving() {
		return new SignalFired("S7", "CRAVING", Severity.LOW, "craving >= 7 on consecutive check-ins since 2026-03-05",
				Map.of("cravingAtLeast", "7"), TAKEN.plus(Duration.ofDays(1)));
	}

	private static EventEnvelope<ProgressAssessed> progress(String patient, long revision, SignalFired... signals) {
		Instant at = TAKEN.plus(Duration.ofHours(revision));
		return EventEnvelope.of("/test", new ProgressAssessed("program-a", patient, revision, RiskLevel.MODERATE, false,
				List.of(signals), List.of(), List.of("event-" + revision), "test", at), at);
	}

}
