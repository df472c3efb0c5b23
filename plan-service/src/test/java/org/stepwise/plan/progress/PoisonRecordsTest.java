package org.stepwise.plan.progress;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.testsupport.DeadLetters;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison records on the real broker (issue 16, items 1 and 4): a tombstone does not take
 * the genuine event of its batch down, and an event that breaks its schema (a mood of
 * 999, no patient id) is dead-lettered instead of reaching the patient's file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class PoisonRecordsTest {

	private static final EventCodec CODEC = new EventCodec();

	private static final JsonMapper JSON = EventCodec.defaultMapper();

	private static final Instant AT = Instant.parse("2026-03-03T13:30:00Z");

	@Autowired
	PatientFileRepository progress;

	@Test
	void aTombstoneInTheSameBatchDoesNotStopTheGenuineEvent() {
		String patient = "patient-" + System.nanoTime();
		try (DeadLetters dead = new DeadLetters(Topics.CHECKINS);
				KafkaProducer<String, byte[]> producer = lingeringProducer()) {
			// same key, same partition, one producer batch: one poll delivers both
			producer.send(new ProducerRecord<>(Topics.CHECKINS, patient, null));
			producer.send(new ProducerRecord<>(Topics.CHECKINS, patient, CODEC.encode(checkIn(patient, 4))));
			producer.flush();

			await().atMost(Duration.ofSeconds(30)).until(() -> this.progress.findById(patient).isPresent());
			assertThat(this.progress.findById(patient).orElseThrow().state().projection().checkIns()).hasSize(1);
			ConsumerRecord<String, byte[]> tombstone = dead.await(patient, Duration.ofSeconds(30));
			assertThat(tombstone.value()).isNull();
			assertThat(DeadLetters.reason(tombstone)).isEqualTo("tombstone");
		}
	}

	@Test
	void aMoodOutsideItsScaleNeverReachesThePatientsFile() {
		String patient = "patient-" + System.nanoTime();
		try (DeadLetters dead = new DeadLetters(Topics.CHECKINS)) {
			TestEvents.publish(checkIn(patient, 999));
			TestEvents.publish(checkIn(patient, 5));

			await().atMost(Duration.ofSeconds(30)).until(() -> this.progress.findById(patient).isPresent());
			assertThat(this.progress.findById(patient).orElseThrow().state().projection().checkIns()).hasSize(1);
			assertThat(DeadLetters.reason(dead.await(patient, Duration.ofSeconds(30))))
				.isEqualTo("schema: /data/mood maximum");
		}
	}

	@Test
	void aCheckInWithoutPatientIdIsDeadLettered() {
		String patient = "patient-" + System.nanoTime();
		try (DeadLetters dead = new DeadLetters(Topics.CHECKINS)) {
			ObjectNode event = (ObjectNode) JSON.readTree(CODEC.encode(checkIn(patient, 5)));
			((ObjectNode) event.get("data")).remove("patientId");
			TestEvents.publishRaw(Topics.CHECKINS, patient, JSON.writeValueAsBytes(event));

			assertThat(DeadLetters.reason(dead.await(patient, Duration.ofSeconds(30))))
				.isEqualTo("schema: /data required patientId");
			assertThat(this.progress.findById(patient)).isEmpty();
		}
	}

	@Test
	void aValueNearTheBrokersSizeLimitIsDeadLetteredWholeAndThePartitionGoesOn() throws Exception {
		String patient = "patient-" + System.nanoTime();
		// just under the broker's default limit for one record (1,048,588 bytes): the
		// copy
		// on the dead-letter topic is larger by its reason headers
		byte[] huge = new byte[1_048_400];
		java.util.Arrays.fill(huge, (byte) 'x');
		try (DeadLetters dead = new DeadLetters(Topics.CHECKINS);
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
								TestInfrastructure.get().kafkaBootstrapServers(),
								ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.CHECKINS, patient, huge)).get();
			TestEvents.publish(checkIn(patient, 5));

			await().atMost(Duration.ofSeconds(30)).until(() -> this.progress.findById(patient).isPresent());
			ConsumerRecord<String, byte[]> record = dead.await(patient, Duration.ofSeconds(30));
			assertThat(DeadLetters.reason(record)).isEqualTo("not JSON");
			assertThat(record.value()).isEqualTo(huge);
		}
	}

	private static EventEnvelope<CheckInSubmitted> checkIn(String patient, int mood) {
		return EventEnvelope.of("/test", new CheckInSubmitted("checkin-" + System.nanoTime(), "program-a", patient,
				mood, 2, false, List.of(), new BigDecimal("7.5"), 3, true, Set.of(), AT, AT), AT);
	}

	private static KafkaProducer<String, byte[]> lingeringProducer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 500),
				new StringSerializer(), new ByteArraySerializer());
	}

}
