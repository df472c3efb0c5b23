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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.stepwise.testsupport.CapturedLogs;
import org.stepwise.testsupport.DeadLetters;
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

	private final List<String> patients = new ArrayList<>();

	private CapturedLogs logs;

	@BeforeEach
	void captureLogs() {
		this.logs = CapturedLogs.open();
	}

	/**
	 * The log policy on the poison path: dead letters are logged by offset, never by key.
	 */
	@AfterEach
	void noLogLineNamesThePatient() {
		this.logs.close();
		assertThat(this.logs.linesContaining(this.patients)).isEmpty();
	}

	private String newPatient() {
		String patient = "patient-" + System.nanoTime();
		this.patients.add(patient);
		return patient;
	}

	@Test
	void aTombstoneInTheSameBatchDoesNotStopTheSafetyAlert() throws Exception {
		String patient = newPatient();
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
		String patient = newPatient();
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
		String patient = newPatient();
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
		String patient = newPatient();
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

}
