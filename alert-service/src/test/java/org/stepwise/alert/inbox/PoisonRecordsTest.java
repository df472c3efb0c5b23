package org.stepwise.alert.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestInfrastructure;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison records on the real broker (issue 16, items 1 and 4): a tombstone does not take
 * its batch-mates down, and an event that breaks its schema is dead-lettered instead of
 * becoming an alert.
 */
@SpringBootTest
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class PoisonRecordsTest {

	private static final EventCodec CODEC = new EventCodec();

	private static final JsonMapper JSON = EventCodec.defaultMapper();

	@Test
	void aTombstoneInTheSameBatchDoesNotStopTheSafetyAlert() throws Exception {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe alerts = TopicProbe.from(Topics.ALERTS);
				DeadLetters dead = new DeadLetters(Topics.ASSESSMENTS);
				KafkaProducer<String, byte[]> producer = lingeringProducer()) {
			// same key, same partition, one producer batch: one poll delivers both
			producer.send(new ProducerRecord<>(Topics.ASSESSMENTS, patient, null));
			producer.send(new ProducerRecord<>(Topics.ASSESSMENTS, patient, CODEC.encode(phq9(patient, 2))));
			producer.flush();

			List<EventEnvelope<StepwiseEvent>> raised = alerts.awaitEvents(patient, 1, Duration.ofSeconds(30));
			assertThat(raised.get(0).data()).isInstanceOfSatisfying(AlertRaised.class, (alert) -> {
				assertThat(alert.kind()).isEqualTo("SAFETY");
				assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
			});
			ConsumerRecord<String, byte[]> tombstone = dead.await(patient, Duration.ofSeconds(30));
			assertThat(tombstone.value()).isNull();
			assertThat(DeadLetters.reason(tombstone)).isEqualTo("tombstone");
		}
	}

	@Test
	void anOutOfRangePhq9ItemIsDeadLetteredAndRaisesNoAlert() throws Exception {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe alerts = TopicProbe.from(Topics.ALERTS);
				DeadLetters dead = new DeadLetters(Topics.ASSESSMENTS)) {
			TestEvents.publish(phq9(patient, 42));

			ConsumerRecord<String, byte[]> record = dead.await(patient, Duration.ofSeconds(30));
			assertThat(DeadLetters.reason(record)).isEqualTo("schema: /data/items/9 maximum")
				.doesNotContain("42")
				.doesNotContain(patient);
			assertThat(alerts.quietFor(patient, Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void anAlertOfAnUnknownKindIsDeadLettered() throws Exception {
		String patient = "patient-" + System.nanoTime();
		try (DeadLetters dead = new DeadLetters(Topics.ALERTS)) {
			EventEnvelope<AlertRaised> alert = EventEnvelope.of(
					"/test", new AlertRaised("alert-" + System.nanoTime(), "program-a", patient, "NOT_A_KIND",
							Severity.HIGH, "evidence", Map.of(), List.of("clinician-7"), List.of(), Instant.now()),
					Instant.now());
			TestEvents.publish(alert);

			ConsumerRecord<String, byte[]> record = dead.await(patient, Duration.ofSeconds(30));
			assertThat(DeadLetters.reason(record)).isEqualTo("schema: /data/kind enum");
		}
	}

	@Test
	void anAssessmentWithoutPatientIdIsDeadLettered() throws Exception {
		String patient = "patient-" + System.nanoTime();
		try (DeadLetters dead = new DeadLetters(Topics.ASSESSMENTS)) {
			ObjectNode event = (ObjectNode) JSON.readTree(CODEC.encode(phq9(patient, 0)));
			((ObjectNode) event.get("data")).remove("patientId");
			TestEvents.publishRaw(Topics.ASSESSMENTS, patient, JSON.writeValueAsBytes(event));

			assertThat(DeadLetters.reason(dead.await(patient, Duration.ofSeconds(30))))
				.isEqualTo("schema: /data required patientId");
		}
	}

	static EventEnvelope<AssessmentScored> phq9(String patient, int item9) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", item9);
		Instant taken = Instant.now().minus(1, ChronoUnit.HOURS);
		return EventEnvelope.of("/test",
				new AssessmentScored("assessment-" + System.nanoTime(), "program-a", patient, Instrument.PHQ9, items,
						8 + item9, Map.of(), "mild", List.of(),
						(item9 >= 2) ? SafetyLevel.CRITICAL : (item9 == 1) ? SafetyLevel.HIGH : SafetyLevel.NONE,
						Set.of(), taken, Instant.now()),
				Instant.now());
	}

	private static KafkaProducer<String, byte[]> lingeringProducer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 500),
				new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Reads a dead-letter topic from now on, raw (a tombstone has no value to decode).
	 */
	static final class DeadLetters implements AutoCloseable {

		private final KafkaConsumer<String, byte[]> consumer;

		private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

		DeadLetters(String sourceTopic) {
			String topic = Topics.deadLetter(sourceTopic);
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
							ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
					new StringDeserializer(), new ByteArrayDeserializer());
			List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
		}

		ConsumerRecord<String, byte[]> await(String key, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : this.seen) {
					if (key.equals(record.key())) {
						return record;
					}
				}
				this.consumer.poll(Duration.ofMillis(100)).forEach(this.seen::add);
			}
			throw new AssertionError("Nothing dead-lettered with the expected key within " + timeout);
		}

		static String reason(ConsumerRecord<String, byte[]> record) {
			return new String(record.headers().lastHeader(EventPublisher.DLT_REASON).value(), StandardCharsets.UTF_8);
		}

		@Override
		public void close() {
			this.consumer.close(Duration.ofSeconds(1));
		}

	}

}
