package org.stepwise.infra;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The durable store keeps documents as BSON ({@link BsonDocumentType}) and orders index
 * keys by value ({@link KeyValueType}): every value type the services store comes back as
 * it went in, through updates and a restart; a file written by the stock backend
 * (Java-serialized documents, differently ordered indexes) is still read, updated and
 * kept unique; concurrent writers and scans do not trip over each other's commits.
 */
class BsonStoreTest {

	@TempDir
	Path dir;

	@Test
	void everyValueTypeComesBackAsItWentInAcrossARestart() {
		Path file = this.dir.resolve("store.mv");
		UUID uuid = UUID.randomUUID();
		Instant at = Instant.parse("2026-03-02T18:00:00.123Z");
		Document written = new Document("_id", "patient-1").append("int", 7)
			.append("long", 1L << 40)
			.append("double", 2.5)
			.append("decimal", new Decimal128(new BigDecimal("12.34")))
			.append("text", "Grüße")
			.append("flag", true)
			.append("none", null)
			.append("at", java.util.Date.from(at))
			.append("uuid", uuid)
			.append("nested", new Document("list", List.of(1, "two", new Document("three", 3.0))))
			.append("outbox", List.of(new Document("eventId", "e1")));

		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			MongoCollection<Document> documents = documents(client);
			documents.insertOne(written);
			documents.updateOne(Filters.eq("_id", "patient-1"),
					Updates.combine(Updates.inc("long", 1L), Updates.pull("outbox", new Document("eventId", "e1"))));
		}
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			Document read = documents(client).find(Filters.eq("_id", "patient-1")).first();
			Document expected = new Document(written).append("long", (1L << 40) + 1).append("outbox", List.of());
			assertThat(read).isEqualTo(expected);
		}
	}

	@Test
	void uniqueIndexKeysOfEveryTypeAreFoundAndKeptUniqueAcrossARestart() {
		Path file = this.dir.resolve("keys.mv");
		UUID uuid = UUID.randomUUID();
		List<Object> keys = List.of("text", 42L, 2.5, uuid, java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")));
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			MongoCollection<Document> documents = documents(client);
			documents.createIndex(new Document("key", 1).append("version", 1),
					new com.mongodb.client.model.IndexOptions().unique(true));
			for (int i = 0; i < keys.size(); i++) {
				documents.insertOne(new Document("_id", i).append("key", keys.get(i)).append("version", 1));
			}
			documents.insertOne(new Document("_id", 99).append("version", 1));
		}
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			MongoCollection<Document> documents = documents(client);
			for (int i = 0; i < keys.size(); i++) {
				assertThat(
						documents.find(Filters.and(Filters.eq("key", keys.get(i)), Filters.eq("version", 1))).first())
					.extracting((d) -> d.get("_id"))
					.isEqualTo(i);
				Object key = keys.get(i);
				assertThatThrownBy(() -> documents
					.insertOne(new Document("_id", 100 + keys.indexOf(key)).append("key", key).append("version", 1)))
					.hasMessageContaining("E11000");
			}
			// a missing key is null in a unique index: a second one is a duplicate
			assertThatThrownBy(() -> documents.insertOne(new Document("_id", 98).append("version", 1)))
				.hasMessageContaining("E11000");
		}
	}

	@Test
	void aFileOfTheStockBackendIsReadAndUpdated() {
		Path file = this.dir.resolve("stock.mv");
		H2Backend stock = new H2Backend(file.toString());
		MongoServer stockServer = new MongoServer(stock);
		stockServer.bind("127.0.0.1", 0);
		try (MongoClient client = client(stockServer.getLocalAddress().getPort())) {
			documents(client).insertMany(List.of(new Document("_id", "a").append("n", 1),
					new Document("_id", "b").append("n", 2).append("sub", new Document("x", List.of(1, 2)))));
		}
		stockServer.shutdownNow();
		stock.close();

		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			MongoCollection<Document> documents = documents(client);
			assertThat(documents.find(Filters.eq("_id", "b")).first())
				.isEqualTo(new Document("_id", "b").append("n", 2).append("sub", new Document("x", List.of(1, 2))));
			documents.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 10));
			documents.insertOne(new Document("_id", "c").append("n", 3));
			// the unique index on _id was rebuilt from the stock file's documents
			assertThatThrownBy(() -> documents.insertOne(new Document("_id", "b")))
				.isInstanceOf(com.mongodb.MongoWriteException.class)
				.hasMessageContaining("E11000");
		}
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			assertThat(documents(client).find().into(new ArrayList<>())).extracting((d) -> d.get("n"))
				.containsExactlyInAnyOrder(11, 2, 3);
		}
	}

	@Test
	void concurrentUpdatesOfOneCollectionAndScansAllSucceed() throws Exception {
		// Writers share a collection, so their documents share pages: one writer's commit
		// stores the page while another updates its document in place.
		int writers = 3;
		int updates = 300;
		try (MongoWireServer server = MongoWireServer.durable(this.dir.resolve("busy.mv"), 0);
				MongoClient client = client(server.port())) {
			MongoCollection<Document> shared = client.getDatabase("bson").getCollection("shared");
			ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
			AtomicBoolean writing = new AtomicBoolean(true);
			List<Future<?>> work = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				work.add(pool.submit(() -> {
					for (int i = 0; i < 10; i++) {
						shared.insertOne(new Document("_id", writer * 100 + i).append("n", 0).append("log", List.of()));
					}
					for (int i = 0; i < updates; i++) {
						shared.updateOne(Filters.eq("_id", writer * 100 + i % 10),
								Updates.combine(Updates.inc("n", 1),
										Updates.push("log", new Document("i", i).append("text", "entry " + i)),
										Updates.set("wide", wide(i))));
					}
					return null;
				}));
			}
			Future<Integer> scans = pool.submit(() -> {
				int n = 0;
				while (writing.get()) {
					shared.countDocuments(Filters.gte("n", 0));
					n++;
				}
				return n;
			});
			for (Future<?> writer : work) {
				writer.get();
			}
			writing.set(false);
			assertThat(scans.get()).isPositive();
			pool.shutdown();
			List<Document> all = shared.find().into(new ArrayList<>());
			assertThat(all).hasSize(writers * 10);
			assertThat(all.stream().mapToInt((d) -> d.getInteger("n")).sum()).isEqualTo(writers * updates);
			assertThat(all.stream().mapToInt((d) -> d.getList("log", Document.class).size()).sum())
				.isEqualTo(writers * updates);
		}
	}

	@Test
	void aReaderNeverSeesADocumentHalfUpdated() throws Exception {
		// every update sets n, m and each of wide's fields to the same i: a reader that
		// finds them unequal read a document between two of the update's field writes
		int updates = 3_000;
		try (MongoWireServer server = MongoWireServer.durable(this.dir.resolve("reads.mv"), 0);
				MongoClient client = client(server.port())) {
			MongoCollection<Document> shared = client.getDatabase("bson").getCollection("consistent");
			shared.insertOne(new Document("_id", "p1").append("n", 0).append("wide", wide(0)).append("m", 0));
			ExecutorService pool = Executors.newFixedThreadPool(3);
			AtomicBoolean writing = new AtomicBoolean(true);
			Future<?> writer = pool.submit(() -> {
				for (int i = 1; i <= updates; i++) {
					shared.updateOne(Filters.eq("_id", "p1"),
							Updates.combine(Updates.set("n", i), Updates.set("wide", wide(i)), Updates.set("m", i)));
				}
				writing.set(false);
				return null;
			});
			List<Future<List<String>>> readers = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				readers.add(pool.submit(() -> {
					List<String> torn = new ArrayList<>();
					while (writing.get()) {
						Document read = shared.find(Filters.eq("_id", "p1")).first();
						int n = read.getInteger("n");
						Document wide = read.get("wide", Document.class);
						if (read.getInteger("m") != n || wide.getInteger("k0") != n
								|| wide.getInteger("k199") != n + 199) {
							torn.add("n=" + n + " m=" + read.getInteger("m") + " wide.k0=" + wide.getInteger("k0"));
						}
					}
					return torn;
				}));
			}
			writer.get();
			List<String> torn = new ArrayList<>();
			for (Future<List<String>> reader : readers) {
				torn.addAll(reader.get());
			}
			pool.shutdown();
			assertThat(torn).isEmpty();
		}
	}

	/** A field wide enough that putting it back takes a while. */
	private static Document wide(int i) {
		Document wide = new Document();
		for (int k = 0; k < 200; k++) {
			wide.append("k" + k, i + k);
		}
		return wide;
	}

	private static MongoCollection<Document> documents(MongoClient client) {
		return client.getDatabase("bson").getCollection("documents");
	}

	private static MongoClient client(int port) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + port))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

}
