package org.stepwise.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one),
 * running in this JVM. The storage is formatted once; a restart on the same data
 * directory keeps topics, records and committed offsets.
 */
public final class KraftBroker implements AutoCloseable {

	private final KafkaRaftServer server;

	private final int port;

	private KraftBroker(KafkaRaftServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Formats {@code dataDir} if it is new and starts the broker.
	 * @param port the client port, or 0 for a free one
	 */
	public static KraftBroker start(Path dataDir, int port) {
		int clientPort = FreePorts.orNext(port);
		int controllerPort = FreePorts.next();
		Path logs = dataDir.resolve("logs").toAbsolutePath();
		Properties config = config(logs, clientPort, controllerPort);
		try {
			Files.createDirectories(logs);
			Path file = dataDir.resolve("server.properties");
			try (OutputStream out = Files.newOutputStream(file)) {
				config.store(out, "Written by Stepwise on each start");
			}
			// Formatted storage has a meta.properties; formatting it again would give it
			// a new cluster id.
			if (!Files.exists(logs.resolve("meta.properties"))) {
				format(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
		server.startup();
		return new KraftBroker(server, clientPort);
	}

	private static Properties config(Path logs, int clientPort, int controllerPort) {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		config.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("log.dirs", logs.toString());
		config.put("num.partitions", "3");
		config.put("auto.create.topics.enable", "false");
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "3");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		// Small segments and indexes: a local stack and a test run hold little data.
		config.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
		config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
		return config;
	}

	/** Formats new storage: a cluster id and the bootstrap metadata. */
	private static void format(Path configFile) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status;
		try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			status = StorageTool.execute(new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(),
					"--config", configFile.toString() }, out);
		}
		if (status != 0) {
			throw new IllegalStateException(
					"Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
		}
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
