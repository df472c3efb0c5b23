package org.stepwise.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1: the real MongoDB
 * driver and Spring Data talk to it over TCP. In memory for tests, or durable in one H2
 * file for the local stack (see {@link DurableH2Backend}). Clients must use
 * {@code uuidRepresentation=standard}.
 */
public final class MongoWireServer implements AutoCloseable {

	private final MongoServer server;

	private final MongoBackend backend;

	private final int port;

	private MongoWireServer(MongoBackend backend, int port) {
		this.backend = backend;
		this.server = new MongoServer(backend);
		this.server.bind("127.0.0.1", port);
		this.port = this.server.getLocalAddress().getPort();
	}

	/**
	 * @param port the port, or 0 for a free one
	 */
	public static MongoWireServer inMemory(int port) {
		return new MongoWireServer(new MemoryBackend(), port);
	}

	/**
	 * A server whose data lives in {@code file} (created if missing; one process at a
	 * time).
	 * @param port the port, or 0 for a free one
	 */
	public static MongoWireServer durable(Path file, int port) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new MongoWireServer(DurableH2Backend.open(file), port);
	}

	public String connectionString() {
		return "mongodb://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stops accepting clients, then closes the store cleanly (committed and compacted).
	 */
	@Override
	public void close() {
		this.server.shutdownNow();
		this.backend.close();
	}

}
