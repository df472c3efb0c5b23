package org.stepwise.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.Topics;
import org.stepwise.testsupport.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the local stack's launcher right after a burst of acknowledged writes, to the
 * store and to the broker, then start it again on the same data directory: nothing
 * acknowledged is lost.
 */
class StackKillTest {

	private static final int WRITES = 2_000;

	@TempDir
	Path dataDir;

	@Test
	void sigkillRightAfterABurstLosesNoAcknowledgedWrite() throws Exception {
		int kafkaPort = TestStacks.freePort();
		int mongoPort = TestStacks.freePort();
		ChildJvm stack = startStack(kafkaPort, mongoPort);
		try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
								ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
						new StringSerializer(), new StringSerializer())) {
			MongoCollection<Document> writes = mongo.getDatabase("durability").getCollection("writes");
			List<Future<RecordMetadata>> acks = new ArrayList<>();
			for (int i = 0; i < WRITES; i++) {
				writes.insertOne(new Document("_id", i));
				acks.add(producer.send(new ProducerRecord<>(Topics.ALERTS, 0, "p" + i, "event-" + i)));
			}
			for (Future<RecordMetadata> ack : acks) {
				ack.get(30, TimeUnit.SECONDS);
			}
		}
		stack.kill();

		ChildJvm restarted = startStack(kafkaPort, mongoPort);
		try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort),
						new StringDeserializer(), new StringDeserializer())) {
			assertThat(mongo.getDatabase("durability").getCollection("writes").countDocuments()).isEqualTo(WRITES);
			TopicPartition partition = new TopicPartition(Topics.ALERTS, 0);
			assertThat(consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition))
				.isEqualTo(WRITES);
		}
		finally {
			restarted.kill();
		}
	}

	private ChildJvm startStack(int kafkaPort, int mongoPort) {
		return ChildJvm.start(LocalStack.class, "Press Ctrl-C", List.of("-Xmx384m"), "--infra-only", "--data-dir",
				this.dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort), "--mongo-port",
				Integer.toString(mongoPort), "--partitions", "1");
	}

}
