package org.stepwise.localstack.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.infra.KraftBroker;
import org.stepwise.infra.TopicProvisioner;
import org.stepwise.testsupport.CareTeamEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./stepwise ops dead-letters} on a real broker: dead letters as the platform's
 * inbox writes them (headers with the reason and the source), listed without patient
 * data, re-driven to their topic once, a dry run changing nothing.
 */
class DeadLetterRedriveTest {

	private static final String PLANS_DLT = Topics.deadLetter(Topics.PLANS);

	@TempDir
	static Path data;

	static KraftBroker broker;

	@BeforeAll
	static void start() {
		broker = KraftBroker.start(data, 0);
		TopicProvisioner.createAll(broker.bootstrapServers(), 3);
	}

	@AfterAll
	static void stop() {
		broker.close();
	}

	@Test
	void aDeadLetterIsReDrivenToItsTopicOnceAndADryRunChangesNothing() throws Exception {
		EventEnvelope<?> failed = CareTeamEvents.planChanged("program-a", "patient-redrive-1", 3);
		EventEnvelope<?> unreadable = CareTeamEvents.planChanged("program-a", "patient-redrive-2", 1);
		deadLetter(failed, 1, 17, "processing failed: TransientDataAccessResourceException");
		deadLetter(unreadable, 1, 18, "not readable: InvalidEventException");

		String list = ops("dead-letters", "list", "--topic", Topics.PLANS);
		assertThat(list)
			.contains(PLANS_DLT + ": 2 dead letters", "1:0", "1:1", Topics.PLANS + "-1@17",
					"processing failed: TransientDataAccessResourceException")
			.doesNotContain("patient-redrive", "program-a");
		String inspect = ops("dead-letters", "inspect", PLANS_DLT, "1:0");
		assertThat(inspect).contains("stepwise.plan.changed.v1 " + failed.id(), Topics.PLANS + "-1@17")
			.doesNotContain("patient-redrive");
		assertThat(ops("dead-letters", "inspect", PLANS_DLT, "1:0", "--show-data")).contains("patient-redrive-1");

		String dryRun = ops("dead-letters", "redrive", "--topic", Topics.PLANS, "--reason-contains",
				"processing failed", "--dry-run");
		assertThat(dryRun).contains("would re-drive " + PLANS_DLT + " 1:0", "Would re-drive 1 dead letter")
			.doesNotContain("1:1");
		assertThat(readAll(Topics.PLANS)).isEmpty();

		String redrive = ops("dead-letters", "redrive", "--topic", Topics.PLANS, "--reason-contains",
				"processing failed");
		assertThat(redrive).contains("re-drove " + PLANS_DLT + " 1:0", "Re-drove 1 dead letter");
		List<ConsumerRecord<String, byte[]>> back = readAll(Topics.PLANS);
		assertThat(back).singleElement().satisfies((record) -> {
			assertThat(record.partition()).isEqualTo(1);
			assertThat(record.key()).isEqualTo("patient-redrive-1");
			assertThat(new EventCodec().decode(record.value()).id()).isEqualTo(failed.id());
			assertThat(
					new String(record.headers().lastHeader(DeadLetter.REDRIVEN_FROM).value(), StandardCharsets.UTF_8))
				.isEqualTo(PLANS_DLT + "-1:0");
		});

		// again: nothing twice
		assertThat(ops("dead-letters", "redrive", "--topic", Topics.PLANS, "--reason-contains", "processing failed"))
			.contains("Re-drove 0 dead letters; 1 re-driven before");
		assertThat(readAll(Topics.PLANS)).hasSize(1);
		assertThat(ops("dead-letters", "list", "--topic", Topics.PLANS)).contains("2 dead letters (1 re-driven)");

		// the one the filter left behind still goes back after its fix, and only it
		assertThat(ops("dead-letters", "redrive")).contains("re-drove " + PLANS_DLT + " 1:1",
				"Re-drove 1 dead letter; 1 re-driven before");
		assertThat(readAll(Topics.PLANS)).extracting(ConsumerRecord::key)
			.containsExactly("patient-redrive-1", "patient-redrive-2");
		assertThat(ops("dead-letters", "redrive")).contains("Re-drove 0 dead letters; 2 re-driven before");
		assertThat(readAll(Topics.PLANS)).hasSize(2);
	}

	@Test
	void anUnknownTopicIsAClearRefusal() {
		assertThat(Ops.run(new PrintStream(new ByteArrayOutputStream()), "dead-letters", "list", "--topic",
				"stepwise.nothing.v1", "--kafka", broker.bootstrapServers()))
			.isEqualTo(2);
	}

	private static String ops(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--kafka", broker.bootstrapServers()));
		int status = Ops.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(status).as(output).isZero();
		return output;
	}

	/** As the platform's EventPublisher dead-letters a record. */
	private static void deadLetter(EventEnvelope<?> event, int partition, long offset, String reason) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(PLANS_DLT, partition, event.subject(),
					new EventCodec().encode(event));
			record.headers()
				.add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8))
				.add(DeadLetter.SOURCE_TOPIC, Topics.PLANS.getBytes(StandardCharsets.UTF_8))
				.add(DeadLetter.SOURCE_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8))
				.add(DeadLetter.SOURCE_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
	}

	private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(
				TopicProbe.readAll(broker.bootstrapServers(), topic));
		records.sort((a, b) -> Long.compare(a.offset(), b.offset()));
		return records;
	}

}
