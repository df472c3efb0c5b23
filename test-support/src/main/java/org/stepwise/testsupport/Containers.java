package org.stepwise.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Kafka and MongoDB in containers, for machines with a Docker engine. Images pinned to
 * the versions compose uses.
 */
final class Containers {

	static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

	static final String MONGO_IMAGE = "mongo:8.0.15";

	private final KafkaContainer kafka;

	private final MongoDBContainer mongo;

	private Containers(KafkaContainer kafka, MongoDBContainer mongo) {
		this.kafka = kafka;
		this.mongo = mongo;
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	@SuppressWarnings("resource") // Stopped by Testcontainers' reaper (Ryuk) when the JVM
									// exits.
	static Containers start() {
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
		MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
		kafka.start();
		mongo.start();
		return new Containers(kafka, mongo);
	}

	String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	String mongoUri() {
		return this.mongo.getConnectionString();
	}

}
