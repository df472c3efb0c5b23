package org.stepwise.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.stepwise.infra.KraftBroker;
import org.stepwise.infra.MongoWireServer;
import org.stepwise.infra.TopicProvisioner;

/**
 * The one way an integration test gets a Kafka broker and a MongoDB server: started once
 * per test JVM, shared by every test class, stopped when the JVM exits. Testcontainers
 * ({@code apache/kafka}, {@code mongo}) when a Docker engine is reachable, otherwise a
 * real KRaft broker and the mongo-java-server wire-protocol server (on the durable file
 * backend the local stack runs) in this JVM; the same tests run in both modes. Force a
 * mode with {@code -Dstepwise.test.infra=embedded|containers} (or the environment
 * variable {@code STEPWISE_TEST_INFRA}). Topics are created as in production, with 3
 * partitions.
 */
public final class TestInfrastructure {

	public enum Mode {

		EMBEDDED, CONTAINERS

	}

	private static TestInfrastructure instance;

	private final Mode mode;

	private final String kafkaBootstrapServers;

	private final String mongoUri;

	private TestInfrastructure(Mode mode, String kafkaBootstrapServers, String mongoUri) {
		this.mode = mode;
		this.kafkaBootstrapServers = kafkaBootstrapServers;
		this.mongoUri = mongoUri;
	}

	public static synchronized TestInfrastructure get() {
		if (instance == null) {
			instance = start(chooseMode());
			TopicProvisioner.createAll(instance.kafkaBootstrapServers, 3);
		}
		return instance;
	}

	private static Mode chooseMode() {
		String wanted = System.getProperty("stepwise.test.infra",
				System.getenv().getOrDefault("STEPWISE_TEST_INFRA", "auto"));
		return switch (wanted.toLowerCase(Locale.ROOT)) {
			case "embedded" -> Mode.EMBEDDED;
			case "containers" -> Mode.CONTAINERS;
			default -> Containers.dockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
		};
	}

	private static TestInfrastructure start(Mode mode) {
		if (mode == Mode.CONTAINERS) {
			Containers containers = Containers.start();
			return new TestInfrastructure(mode, containers.kafkaBootstrapServers(), containers.mongoUri());
		}
		try {
			// Under the module's target/ when there is one, so the build's clean removes
			// it.
			Path target = Path.of("target");
			Path dir = Files.isDirectory(target) ? Files.createTempDirectory(target, "stepwise-kafka")
					: Files.createTempDirectory("stepwise-kafka");
			KraftBroker broker = KraftBroker.start(dir, 0);
			MongoWireServer mongo = embeddedStore(dir);
			// Deliberately not closed by a shutdown hook: JVM hooks run concurrently, and
			// a
			// broker closed while Spring closes its test contexts left their Kafka
			// clients
			// waiting for it until Surefire killed the fork 30 s later. The in-JVM broker
			// and
			// server end with the JVM.
			return new TestInfrastructure(mode, broker.bootstrapServers(), mongo.connectionString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The durable store that {@code ./stepwise} runs (an H2 file), so the tests exercise
	 * what the stack uses; {@code -Dstepwise.test.store=memory} (or
	 * {@code STEPWISE_TEST_STORE=memory}) for mongo-java-server's in-memory backend.
	 */
	private static MongoWireServer embeddedStore(Path dir) {
		String wanted = System.getProperty("stepwise.test.store",
				System.getenv().getOrDefault("STEPWISE_TEST_STORE", "durable"));
		return wanted.equalsIgnoreCase("memory") ? MongoWireServer.inMemory(0)
				: MongoWireServer.durable(dir.resolve("mongo").resolve("stepwise.mv"), 0);
	}

	public Mode mode() {
		return this.mode;
	}

	public String kafkaBootstrapServers() {
		return this.kafkaBootstrapServers;
	}

	/** {@code mongodb://host:port}, without a database: each service names its own. */
	public String mongoUri() {
		return this.mongoUri;
	}

}
