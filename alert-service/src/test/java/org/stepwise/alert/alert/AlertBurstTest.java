package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.CapturedLogs;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of one patient's events (the safety fast path's assessments and plan-service's
 * progress from them, as after a check-in storm or a replay) is handled with one write
 * per changed alert per batch, and without optimistic-lock failures in the log (issue
 * 18).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@Import(AlertBurstTest.SavesPerAlert.class)
class AlertBurstTest {

	static final Instant AT = Instant.parse("2026-03-04T21:00:00Z");

	static final EventCodec CODEC = new EventCodec();

	@Autowired
	@Qualifier("alertInputs")
	Consumer<Message<List<byte[]>>> alertInputs;

	@Autowired
	SavesPerAlert saves;

	@Autowired
	AlertRepository alerts;

	@Test
	void oneBatchOfAssessmentsAndProgressWritesEachChangedAlertOnce() {
		String patient = "patient-" + System.nanoTime();
		List<EventEnvelope<?>> batch = new ArrayList<>();
		for (int round = 1; round <= 5; round++) {
			batch.add(phq9(patient, round));
			batch.add(progress(patient, round));
		}
		try (CapturedLogs logs = CapturedLogs.open()) {
			this.alertInputs.accept(message(batch));

			List<Alert> stored = this.alerts.findByPatientIdOrderByRaisedAtDesc(patient);
			assertThat(stored).extracting(Alert::kind).containsExactlyInAnyOrder("SAFETY", "DISENGAGEMENT");
			assertThat(stored).allSatisfy((alert) -> assertThat(this.saves.of(alert.id()))
				.as("writes of the %s alert in one batch", alert.kind())
				.isEqualTo(1));
			assertThat(logs.lines()).noneMatch((line) -> line.contains("OptimisticLockingFailure"));
		}
	}

	@Test
	void aBurstOnTheBrokerLeavesNoErrorInTheLog() {
		String patient = "patient-" + System.nanoTime();
		try (CapturedLogs logs = CapturedLogs.open()) {
			for (int round = 1; round <= 15; round++) {
				TestEvents.publish(phq9(patient, round));
				TestEvents.publish(progress(patient, round));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient),
						(list) -> list.stream()
							.anyMatch((alert) -> alert.kind().equals("DISENGAGEMENT") && alert.sourceRevision() == 15
									&& alert.status() == AlertStatus.OPEN));
			assertThat(this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)).hasSize(2);
			assertThat(logs.lines()).noneMatch((line) -> line.contains(" ERROR "))
				.noneMatch((line) -> line.contains("OptimisticLockingFailure"));
		}
	}

	/** A batch as the binder hands it to the consumer: values plus per-record headers. */
	private static Message<List<byte[]>> message(List<EventEnvelope<?>> events) {
		List<byte[]> values = new ArrayList<>();
		List<String> topics = new ArrayList<>();
		List<Integer> partitions = new ArrayList<>();
		List<Long> offsets = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (EventEnvelope<?> event : events) {
			values.add(CODEC.encode(event));
			topics.add(event.topic());
			partitions.add(0);
			offsets.add((long) offsets.size());
			keys.add(event.subject());
		}
		return MessageBuilder.withPayload(values)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
			.setHeader(KafkaHeaders.OFFSET, offsets)
			.setHeader(KafkaHeaders.RECEIVED_KEY, keys)
			.build();
	}

	/** A PHQ-9 with item 9 = 2 (CRITICAL), a new assessment each round. */
	private static EventEnvelope<AssessmentScored> phq9(String patient, int round) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", 2);
		Instant taken = AT.plus(Duration.ofHours(round));
		return EventEnvelope.of("/test",
				new AssessmentScored("assessment-" + patient + "-" + round, "program-a", patient, Instrument.PHQ9,
						items, 10, Map.of(), "moderate", List.of(), SafetyLevel.CRITICAL, Set.of(), taken, taken),
				taken);
	}

	/**
	 * Plan-service's progress after that assessment: S1 from it, and a run of no-shows.
	 */
	private static EventEnvelope<ProgressAssessed> progress(String patient, int round) {
		Instant taken = AT.plus(Duration.ofHours(round));
		SignalFired s1 = new SignalFired("S1", "SAFETY", Severity.CRITICAL, "PHQ-9 item 9 = 2 on 2026-03-04",
				Map.of("item9", "2"), taken);
		SignalFired s9 = new SignalFired("S9", "DISENGAGEMENT", Severity.HIGH, "3 unexcused no-shows in a row",
				Map.of("consecutiveNoShows", "3"), AT.minus(Duration.ofDays(7)));
		return EventEnvelope.of("/test",
				new ProgressAssessed("program-a", patient, round, RiskLevel.MODERATE, false, List.of(s1, s9),
						List.of("clinician-1"), List.of("event-" + round), "test", taken.plusSeconds(1)),
				taken.plusSeconds(1));
	}

	/** Counts the writes of each alert (save or insert through the mapping layer). */
	@TestConfiguration(proxyBeanMethods = false)
	static class SavesPerAlert {

		private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

		int of(String alertId) {
			AtomicInteger count = this.writes.get(alertId);
			return (count != null) ? count.get() : 0;
		}

		@Bean
		AbstractMongoEventListener<Alert> alertWrites() {
			return new AbstractMongoEventListener<>() {
				@Override
				public void onAfterSave(AfterSaveEvent<Alert> event) {
					SavesPerAlert.this.writes.computeIfAbsent(event.getSource().id(), (id) -> new AtomicInteger())
						.incrementAndGet();
				}
			};
		}

	}

}
