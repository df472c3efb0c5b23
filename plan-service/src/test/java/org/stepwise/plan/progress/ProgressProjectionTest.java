package org.stepwise.plan.progress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestInfrastructure;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The progress projection on the real broker and database: events become progress
 * assessments, a redelivered event changes nothing, and an unreadable record is
 * dead-lettered without stopping its partition.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ProgressProjectionTest {

	static final Instant MONDAY = Instant.parse("2026-03-02T18:00:00Z");

	@Autowired
	PatientFileRepository progress;

	@Test
	void twoNoShowsInARowAreAssessedOnceEvenWhenRedelivered() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRESS)) {
			EventEnvelope<AttendanceRecorded> first = noShow(patient, "r1", MONDAY);
			EventEnvelope<AttendanceRecorded> second = noShow(patient, "r2", MONDAY.plus(2, ChronoUnit.DAYS));
			TestEvents.publish(first);
			TestEvents.publish(second);
			TestEvents.publish(second);
			TestEvents.publish(first);

			ProgressAssessed assessed = (ProgressAssessed) probe.awaitEvents(patient, 1, Duration.ofSeconds(30))
				.get(0)
				.data();
			assertThat(assessed.riskLevel()).isEqualTo(RiskLevel.MODERATE);
			assertThat(assessed.signals()).singleElement()
				.satisfies((signal) -> assertThat(signal.severity().name()).isEqualTo("MEDIUM"));
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.progress.findById(patient).orElseThrow().state().projection().attendance()).hasSize(2);
		}
	}

	@Test
	void anUnreadableRecordIsDeadLetteredWithItsReasonAndThePartitionGoesOn() {
		String patient = "patient-" + System.nanoTime();
		try (KafkaConsumer<String, byte[]> dlt = deadLetters()) {
			TestEvents.publishRaw(Topics.ATTENDANCE, patient, "{not json".getBytes(StandardCharsets.UTF_8));
			TestEvents.publish(noShow(patient, "r1", MONDAY));

			await().atMost(Duration.ofSeconds(30)).until(() -> this.progress.findById(patient).isPresent());
			ConsumerRecord<String, byte[]> deadLetter = await().atMost(Duration.ofSeconds(30))
				.until(() -> find(dlt, patient), (record) -> record != null);
			assertThat(
					new String(deadLetter.headers().lastHeader("stepwise-dlt-reason").value(), StandardCharsets.UTF_8))
				.isEqualTo("not JSON");
			assertThat(new String(deadLetter.headers().lastHeader("stepwise-dlt-source-topic").value(),
					StandardCharsets.UTF_8))
				.isEqualTo(Topics.ATTENDANCE);
			assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		}
	}

	private static ConsumerRecord<String, byte[]> find(KafkaConsumer<String, byte[]> consumer, String key) {
		for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
			if (key.equals(record.key())) {
				return record;
			}
		}
		return null;
	}

	private static KafkaConsumer<String, byte[]> deadLetters() {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "dlt-probe-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.deadLetter(Topics.ATTENDANCE)));
		return consumer;
	}

	private static EventEnvelope<AttendanceRecorded> noShow(String patient, String record, Instant at) {
		return EventEnvelope.of("/test", new AttendanceRecorded(patient + "/" + record, "session-" + record,
				"program-a", patient, SessionType.GROUP, AttendanceStatus.NO_SHOW, 0, 180, at, at), at);
	}

}
