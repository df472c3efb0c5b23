package org.stepwise.localstack.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.Topics;
import org.stepwise.infra.KraftBroker;
import org.stepwise.infra.MongoWireServer;
import org.stepwise.infra.TopicProvisioner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./stepwise ops backup} and {@code restore} on the local stack's own durable
 * store and broker: plans, alerts, their events and a consumer group's position, backed
 * up, restored into a fresh data directory and opened there, come back the same; a
 * running stack and a damaged backup are refused.
 */
class BackupRestoreTest {

	@TempDir
	Path work;

	@Test
	void aBackupRestoredIntoAFreshDataDirectoryStartsWithTheSamePlansAndAlerts() throws Exception {
		Path data = this.work.resolve("data");
		Path backup = this.work.resolve("backup");
		Path restored = this.work.resolve("restored");
		List<Document> plans;
		List<Document> alerts;
		List<String> events;
		try (MongoWireServer store = store(data); KraftBroker broker = KraftBroker.start(data.resolve("kafka"), 0)) {
			TopicProvisioner.createAll(broker.bootstrapServers(), 3);
			try (MongoClient client = MongoClients.create(store.connectionString() + "/?uuidRepresentation=standard")) {
				for (int i = 1; i <= 3; i++) {
					client.getDatabase("stepwise-plan")
						.getCollection("patients")
						.insertOne(new Document("_id", "program-a/patient-" + i)
							.append("plan", new Document("levelOfCare", "2.1").append("version", i))
							.append("outbox", List.of()));
					client.getDatabase("stepwise-alert")
						.getCollection("alerts")
						.insertOne(new Document("_id", "alert-" + i).append("patientId", "patient-" + i)
							.append("severity", "HIGH")
							.append("status", "RAISED")
							.append("raisedAt", new Date(1_772_503_500_000L + i)));
				}
				plans = all(client, "stepwise-plan", "patients");
				alerts = all(client, "stepwise-alert", "alerts");
			}
			publish(broker, Topics.PLANS, "patient-1", "plan-v1");
			publish(broker, Topics.ALERTS, "patient-2", "alert-raised");
			events = List.of("plan-v1", "alert-raised");
			commit(broker, "alert-service", Topics.PLANS);

			// while the stack runs on it, nothing is copied
			assertThat(run("backup", "--to", backup.toString(), "--data-dir", data.toString())).isEqualTo(2);
			assertThat(backup).doesNotExist();
		}

		assertThat(run("backup", "--to", backup.toString(), "--data-dir", data.toString())).isZero();
		assertThat(backup.resolve(DataDirOps.MANIFEST)).content()
			.contains("created=", "source=", "mongo/stepwise.mv", "kafka/logs/meta.properties");
		assertThat(run("restore", "--from", backup.toString(), "--data-dir", restored.toString())).isZero();

		try (MongoWireServer store = store(restored);
				KraftBroker broker = KraftBroker.start(restored.resolve("kafka"), 0);
				MongoClient client = MongoClients.create(store.connectionString() + "/?uuidRepresentation=standard")) {
			assertThat(all(client, "stepwise-plan", "patients")).isEqualTo(plans);
			assertThat(all(client, "stepwise-alert", "alerts")).isEqualTo(alerts);
			assertThat(values(broker, Topics.PLANS)).containsExactly("plan-v1");
			assertThat(values(broker, Topics.ALERTS)).containsExactly("alert-raised");
			assertThat(events).hasSize(2);
			assertThat(committed(broker, "alert-service")).isEqualTo(1);
		}
	}

	@Test
	void aBackupThatNoLongerMatchesItsManifestIsNotRestored() throws Exception {
		Path data = this.work.resolve("data");
		try (MongoWireServer store = store(data); MongoClient client = MongoClients.create(store.connectionString())) {
			client.getDatabase("stepwise-plan").getCollection("patients").insertOne(new Document("_id", "p"));
		}
		Path backup = this.work.resolve("backup");
		assertThat(run("backup", "--to", backup.toString(), "--data-dir", data.toString())).isZero();
		Files.writeString(backup.resolve("stray.txt"), "x");
		Path file = backup.resolve("mongo/stepwise.mv");
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 1;
		Files.write(file, bytes);

		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		PrintStream stderr = System.err;
		System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
		try {
			assertThat(run("restore", "--from", backup.toString(), "--data-dir", this.work.resolve("r").toString()))
				.isEqualTo(2);
		}
		finally {
			System.setErr(stderr);
		}
		assertThat(errors.toString(StandardCharsets.UTF_8)).contains("changed: mongo/stepwise.mv",
				"not in the manifest: stray.txt");
		assertThat(this.work.resolve("r")).doesNotExist();
		// a data directory with data is not overwritten unless asked
		Files.delete(backup.resolve("stray.txt"));
		Files.write(file, flip(bytes));
		assertThat(run("restore", "--from", backup.toString(), "--data-dir", data.toString())).isEqualTo(2);
		assertThat(run("restore", "--from", backup.toString(), "--data-dir", data.toString(), "--replace")).isZero();
		try (java.util.stream.Stream<Path> files = Files.list(this.work)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.anyMatch((name) -> name.startsWith("data.before-restore-"));
		}
	}

	private static byte[] flip(byte[] bytes) {
		bytes[bytes.length / 2] ^= 1;
		return bytes;
	}

	private static int run(String... args) {
		return Ops.run(new PrintStream(new ByteArrayOutputStream()), args);
	}

	private static MongoWireServer store(Path data) {
		return MongoWireServer.durable(data.resolve("mongo").resolve("stepwise.mv"), 0);
	}

	private static List<Document> all(MongoClient client, String database, String collection) {
		return client.getDatabase(database)
			.getCollection(collection)
			.find()
			.sort(Sorts.ascending("_id"))
			.into(new ArrayList<>());
	}

	private static void publish(KraftBroker broker, String topic, String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
		}
	}

	private static void commit(KraftBroker broker, String group, String topic) {
		try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
			consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)));
		}
	}

	private static long committed(KraftBroker broker, String group) {
		try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
			TopicPartition partition = new TopicPartition(Topics.PLANS, 0);
			return consumer.committed(java.util.Set.of(partition), Duration.ofSeconds(30)).get(partition).offset();
		}
	}

	private static List<String> values(KraftBroker broker, String topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(broker, null)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
			}
		}
		return values;
	}

	private static KafkaConsumer<String, String> consumer(KraftBroker broker, String group) {
		Map<String, Object> config = new java.util.HashMap<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

}
