package org.stepwise.plan.progress;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay from offset 0 against a plain Kafka consume -> produce pipe over the same
 * records in the same run (issue 5 "Throughput"). Opt-in:
 * {@code -Dstepwise.benchmark=true}; prints both rates and requires at least 0.10x.
 */
@EnabledIfSystemProperty(named = "stepwise.benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=plan-bench", "spring.mongodb.database=stepwise-plan-bench",
				"spring.cloud.stream.bindings.progressInputs-in-0.consumer.auto-startup=false",
				"stepwise.plan.evaluation-interval=1h" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ReplayThroughputTest {

	static final int PATIENTS = Integer.getInteger("stepwise.benchmark.patients", 2000);

	static final List<String> INPUTS = List.of(Topics.ATTENDANCE, Topics.CHECKINS, Topics.ASSESSMENTS);

	@Autowired
	BindingsLifecycleController bindings;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void replayKeepsUpWithAPlainPipe() throws Exception {
		String brokers = TestInfrastructure.get().kafkaBootstrapServers();
		produce(brokers);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
			Map<TopicPartition, Long> ends = ends(admin);
			long total = ends.values().stream().mapToLong(Long::longValue).sum();
			double pipe = pipe(brokers, admin, total);

			long started = System.nanoTime();
			this.bindings.changeState("progressInputs-in-0", BindingsLifecycleController.State.STARTED);
			while (lag(admin, "plan-bench", ends) > 0) {
				Thread.sleep(100);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			double service = total / seconds;
			var timer = this.meters.get("stepwise.progress.evaluation").tags("trigger", "event").timer();
			System.out.printf(
					"REPLAY records=%d pipe=%.0f/s plan-service=%.0f/s ratio=%.3f batches=%d fold+evaluate+write=%.1fs of %.1fs%n",
					total, pipe, service, service / pipe, timer.count(),
					timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000, seconds);
			assertThat(service / pipe).isGreaterThanOrEqualTo(0.10);
		}
	}

	private static void produce(String brokers) {
		EventCodec codec = new EventCodec();
		Instant base = Instant.parse("2026-05-04T14:00:00Z");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 5,
						ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int p = 0; p < PATIENTS; p++) {
				String patient = "bench-" + System.nanoTime() + "-" + p;
				List<StepwiseEvent> events = new ArrayList<>();
				for (int day = 0; day < 4; day++) {
					Instant at = base.plus(Duration.ofDays(day * 2L));
					String session = "s-" + patient + "-" + day;
					events.add(new SessionScheduled(session, "program-a", patient, SessionType.GROUP, Modality.CBT, at,
							at.plus(Duration.ofHours(3)), "f1", base));
					events.add(new AttendanceRecorded("r-" + session, session, "program-a", patient, SessionType.GROUP,
							(day == 2) ? AttendanceStatus.NO_SHOW : AttendanceStatus.ATTENDED, 180, 180, at, at));
					events.add(new CheckInSubmitted("c-" + patient + "-" + day, "program-a", patient, 6, 3, false,
							List.of(), BigDecimal.valueOf(7), 3, true, Set.of(), at, at));
				}
				for (StepwiseEvent event : events) {
					EventEnvelope<StepwiseEvent> envelope = EventEnvelope.of("/bench", event, base);
					producer.send(new ProducerRecord<>(envelope.topic(), envelope.subject(), codec.encode(envelope)));
				}
			}
			producer.flush();
		}
	}

	/** A plain consume -> produce pipe over the same records, from offset 0. */
	private static double pipe(String brokers, Admin admin, long total) throws Exception {
		String target = "stepwise.bench.pipe." + System.nanoTime();
		admin.createTopics(List.of(new NewTopic(target, 3, (short) 1))).all().get();
		Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ConsumerConfig.GROUP_ID_CONFIG, "pipe-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 5),
						new StringSerializer(), new ByteArraySerializer())) {
			consumer.subscribe(INPUTS);
			long seen = 0;
			long started = System.nanoTime();
			while (seen < total) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					producer.send(new ProducerRecord<>(target, record.key(), record.value()));
					seen++;
				}
				consumer.commitAsync();
			}
			producer.flush();
			return total / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (var description : admin.describeTopics(INPUTS).allTopicNames().get().values()) {
			description.partitions()
				.forEach(
						(p) -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry : admin.listOffsets(request)
			.all()
			.get()
			.entrySet()) {
			ends.put(entry.getKey(), entry.getValue().offset());
		}
		return ends;
	}

	private static long lag(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		long lag = 0;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			OffsetAndMetadata offset = committed.get(end.getKey());
			lag += end.getValue() - ((offset != null) ? offset.offset() : 0);
		}
		return lag;
	}

}
