package org.stepwise.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
import org.assertj.core.api.SoftAssertions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.Topics;
import org.stepwise.testsupport.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL the local stack's launcher right after a burst of acknowledged writes, to the
 * store and to the broker, then start it again on the same data directory: nothing
 * acknowledged is lost. And with the services: a killed service is restarted, and the
 * services end soon after the launcher does.
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

	/**
	 * One stack for both checks (a whole stack takes minutes to start on two cores):
	 * first a service killed by SIGKILL comes back and the launcher says so, then the
	 * launcher itself is killed and every child must be gone within 5 s.
	 */
	@Test
	void aKilledServiceIsRestartedAndEveryChildEndsWithinFiveSecondsOfTheLauncher() throws Exception {
		StackOptions options = TestStacks.onFreePorts(this.dataDir);
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(),
				StackOptions.NO_STARTUP_CACHE, StackOptions.DEMO_ACCOUNTS, "--data-dir", this.dataDir.toString(),
				"--services-dir", options.servicesDir().toString(), "--kafka-port",
				Integer.toString(options.kafkaPort()), "--mongo-port", Integer.toString(options.mongoPort()),
				"--idp-port", Integer.toString(options.idpPort()), "--partitions", "1", "--service-ports",
				String.join(",", options.services().stream().map((s) -> Integer.toString(s.port())).toList())));
		Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread.ofVirtual().start(() -> readLines(launcher, output));
		List<ProcessHandle> children = List.of();
		try {
			await().atMost(Duration.ofMinutes(4))
				.until(() -> output.stream().anyMatch((line) -> line.startsWith("Press Ctrl-C"))
						|| !launcher.isAlive());
			assertThat(launcher.isAlive()).as("launcher output: %s", output).isTrue();
			SoftAssertions softly = new SoftAssertions();
			// issue 21: a start is never silent, and the banner says what the accounts
			// are
			List<String> progress = new ArrayList<>(List.of("store", "broker", "identity provider"));
			options.services().forEach((service) -> progress.add(service.name()));
			for (String part : progress) {
				softly.assertThat(output)
					.as("launcher output")
					.anyMatch((line) -> line.matches("  " + part + " ready \\(\\d+ s\\)"));
			}
			softly.assertThat(output)
				.as("banner")
				.anyMatch(
						(line) -> line.contains("demo accounts (password demo) are enabled: for trying Stepwise only"))
				.anyMatch((line) -> line.contains("127.0.0.1 only"));

			ServiceSpec plan = options.services().get(2);
			ProcessHandle killed = child(launcher, plan.name()).orElseThrow();
			killed.destroyForcibly();
			boolean restarted = awaitQuietly(Duration.ofSeconds(90),
					() -> child(launcher, plan.name()).filter((handle) -> handle.pid() != killed.pid()).isPresent()
							&& ready(plan) && output.stream()
								.anyMatch((line) -> line.contains(plan.name()) && line.contains("restarting")));
			softly.assertThat(restarted)
				.as("%s restarted and ready, the launcher saying so; its output: %s", plan.name(), output)
				.isTrue();

			children = launcher.toHandle().children().toList();
			launcher.destroyForcibly();
			long killedAt = System.nanoTime();
			List<ProcessHandle> orphans = children;
			awaitQuietly(Duration.ofSeconds(60), () -> orphans.stream().allMatch(StackKillTest::ended));
			Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
			System.out.printf("%d children ended %d ms after the launcher's SIGKILL%n", children.size(),
					took.toMillis());
			softly.assertThat(children).hasSize(5);
			softly.assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(5));
			softly.assertAll();
		}
		finally {
			launcher.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
		}
	}

	private static Optional<ProcessHandle> child(Process launcher, String service) {
		return launcher.toHandle()
			.children()
			.filter((child) -> child.info().commandLine().orElse("").contains("/" + service + "-"))
			.findFirst();
	}

	private static boolean ready(ServiceSpec service) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** Gone, or a zombie nobody has reaped yet (it runs no code any more). */
	private static boolean ended(ProcessHandle process) {
		if (!process.isAlive()) {
			return true;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(100);
		}
		return true;
	}

	private static void readLines(Process process, List<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			// the launcher is gone
		}
	}

	private ChildJvm startStack(int kafkaPort, int mongoPort) {
		return ChildJvm.start(LocalStack.class, "Press Ctrl-C", List.of("-Xmx384m"), "--infra-only", "--data-dir",
				this.dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort), "--mongo-port",
				Integer.toString(mongoPort), "--partitions", "1");
	}

}
