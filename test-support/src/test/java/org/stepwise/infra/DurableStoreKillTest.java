package org.stepwise.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable store loses no acknowledged write when its process is killed with SIGKILL
 * right after a burst of writes, and keeps everything across a clean stop. The store runs
 * in a child JVM, as in the local stack.
 */
class DurableStoreKillTest {

	private static final int WRITES = 2_000;

	@TempDir
	Path dir;

	@Test
	void sigkillRightAfterABurstLosesNoAcknowledgedWrite() throws Exception {
		Path file = this.dir.resolve("store.mv");
		Process store = startStore(file);
		int port = awaitReady(store);
		long expectedSum = 0;
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
			for (int i = 0; i < WRITES; i++) {
				writes.insertOne(new Document("_id", i).append("value", i * 7L));
				expectedSum += i * 7L;
				if (i % 2 == 0) {
					// Updates too, not only inserts.
					writes.updateOne(Filters.eq("_id", i), Updates.inc("value", 1L));
					expectedSum += 1;
				}
			}
		}
		store.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown
																// hook runs

		Process restarted = startStore(file);
		int newPort = awaitReady(restarted);
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + newPort)) {
			MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
			assertThat(writes.countDocuments()).isEqualTo(WRITES);
			long sum = 0;
			for (Document document : writes.find()) {
				sum += document.getLong("value");
			}
			assertThat(sum).isEqualTo(expectedSum);
		}
		finally {
			restarted.destroy();
			restarted.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aCleanStopAndRestartKeepsTheData() {
		Path file = this.dir.resolve("clean.mv");
		try (MongoWireServer server = MongoWireServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			client.getDatabase("d").getCollection("c").insertOne(new Document("_id", "kept").append("n", 1));
		}
		try (MongoWireServer server = MongoWireServer.durable(file, 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(client.getDatabase("d").getCollection("c").find(Filters.eq("_id", "kept")).first())
				.containsEntry("n", 1);
		}
	}

	private static Process startStore(Path file) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MongoWireServerMain.class.getName());
		command.add(file.toString());
		command.add("0");
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static int awaitReady(Process process) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith("READY ")) {
				Thread.ofVirtual().start(() -> drain(output));
				return Integer.parseInt(line.substring("READY ".length()).trim());
			}
		}
		throw new AssertionError("store process ended before it was ready");
	}

	/**
	 * Keeps reading the child's output so it never blocks on a full pipe; ends when the
	 * child does.
	 */
	private static void drain(BufferedReader output) {
		try {
			while (output.readLine() != null) {
				// discard
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
	}

}
