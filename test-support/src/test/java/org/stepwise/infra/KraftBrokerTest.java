package org.stepwise.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class KraftBrokerTest {

	@TempDir
	Path dataDir;

	@Test
	void createsEveryTopicWithItsDeadLetterTwinAndCompactsPrograms() throws Exception {
		try (KraftBroker broker = KraftBroker.start(this.dataDir, 0); Admin admin = admin(broker)) {
			TopicProvisioner.createAll(broker.bootstrapServers(), 4);
			TopicProvisioner.createAll(broker.bootstrapServers(), 4);

			Set<String> names = admin.listTopics().names().get();
			for (String topic : Topics.ALL) {
				assertThat(names).contains(topic, Topics.deadLetter(topic));
			}
			Map<String, TopicDescription> attendance = admin
				.describeTopics(List.of(Topics.ATTENDANCE, Topics.deadLetter(Topics.ATTENDANCE)))
				.allTopicNames()
				.get();
			assertThat(attendance.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(4));
			ConfigResource programs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROGRAMS);
			assertThat(admin.describeConfigs(List.of(programs)).all().get().get(programs).get("cleanup.policy").value())
				.isEqualTo("compact");
		}
	}

	@Test
	void aRestartOnTheSameDirectoryKeepsTopicsRecordsAndCommittedOffsets() {
		int port;
		try (KraftBroker broker = KraftBroker.start(this.dataDir, 0)) {
			port = broker.port();
			TopicProvisioner.createAll(broker.bootstrapServers(), 1);
			try (KafkaProducer<String, String> producer = producer(broker)) {
				producer.send(new ProducerRecord<>(Topics.ALERTS, "p1", "first"));
				producer.send(new ProducerRecord<>(Topics.ALERTS, "p1", "second"));
			}
			try (KafkaConsumer<String, String> consumer = consumer(broker)) {
				ConsumerRecord<String, String> first = pollOne(consumer);
				assertThat(first.value()).isEqualTo("first");
				consumer.commitSync(Map.of(new TopicPartition(Topics.ALERTS, 0), new OffsetAndMetadata(1)));
			}
		}
		try (KraftBroker broker = KraftBroker.start(this.dataDir, port);
				KafkaConsumer<String, String> consumer = consumer(broker)) {
			assertThat(pollOne(consumer).value()).isEqualTo("second");
		}
	}

	private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				return record;
			}
		}
		throw new AssertionError("no record within 30 s");
	}

	private static Admin admin(KraftBroker broker) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
	}

	private static KafkaProducer<String, String> producer(KraftBroker broker) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(KraftBroker broker) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(Topics.ALERTS));
		return consumer;
	}

}
