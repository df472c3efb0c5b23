package org.stepwise.infra;

import java.nio.file.Path;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.testsupport.ChildJvm;

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
	void sigkillRightAfterABurstLosesNoAcknowledgedWrite() {
		Path file = this.dir.resolve("store.mv");
		int port = FreePorts.next();
		ChildJvm store = startStore(file, port);
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
		store.kill();

		ChildJvm restarted = startStore(file, port);
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			MongoCollection<Document> writes = client.getDatabase("durability").getCollection("writes");
			assertThat(writes.countDocuments()).isEqualTo(WRITES);
			long sum = 0;
			for (Document document : writes.find()) {
				sum += document.getLong("value");
			}
			assertThat(sum).isEqualTo(expectedSum);
		}
		finally {
			restarted.kill();
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

	private static ChildJvm startStore(Path file, int port) {
		return ChildJvm.start(MongoWireServerMain.class, "READY ", List.of("-Xmx256m"), file.toString(),
				Integer.toString(port));
	}

}
