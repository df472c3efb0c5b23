package org.stepwise.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the embedded store's indexes do for the queries of issue 19 on 10,000 documents
 * (run with {@code -Dbench=true}; prints its figures): an optimistic-lock save
 * ({@code {_id, version}}) with and without the unique {@code id_version} index; the
 * outbox sweep's old and new filter; the alert list's {@code patientId $in, status $in}
 * with and without the (non-unique) {@code patient_status} index.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EmbeddedIndexBench {

	private static final int DOCUMENTS = 10_000;

	private final java.util.Map<String, long[]> versions = new java.util.HashMap<>();

	@Test
	void queriesOnTenThousandDocuments() {
		try (MongoWireServer server = MongoWireServer.inMemory(0);
				MongoClient client = MongoClients.create(MongoClientSettings.builder()
					.applyConnectionString(new ConnectionString(server.connectionString()))
					.uuidRepresentation(UuidRepresentation.STANDARD)
					.build())) {
			var database = client.getDatabase("bench");
			MongoCollection<Document> plain = fill(database.getCollection("plain"));
			MongoCollection<Document> indexed = fill(database.getCollection("indexed"));
			indexed.createIndex(Indexes.ascending("_id", "version"),
					new IndexOptions().unique(true).name("id_version"));
			indexed.createIndex(Indexes.ascending("patientId", "status"), new IndexOptions().name("patient_status"));
			indexed.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().name("outbox_pending")
				.partialFilterExpression(Filters.exists("outbox.eventId")));

			// alternately, three rounds: the machine is shared
			for (MongoCollection<Document> collection : List.of(plain, indexed, plain, indexed, plain, indexed)) {
				String name = collection.getNamespace().getCollectionName();
				long[] versions = this.versions.computeIfAbsent(name, (key) -> new long[DOCUMENTS]);
				report(name, "optimistic-lock save", 1_000, (i) -> {
					int id = (i * 7919) % DOCUMENTS;
					long matched = collection
						// flat, as Spring Data sends it (Filters.and would send $and,
						// which no index answers)
						.updateOne(new Document("_id", "d" + id).append("version", versions[id]),
								Updates.combine(Updates.set("touched", i), Updates.inc("version", 1)))
						.getMatchedCount();
					assertThat(matched).isOne();
					versions[id]++;
				});
				report(name, "outbox sweep, outbox.0 exists", 20,
						(i) -> assertThat(collection.find(Filters.exists("outbox.0")).into(new ArrayList<>()))
							.hasSize(100));
				report(name, "outbox sweep, outbox.eventId exists", 20,
						(i) -> assertThat(collection.find(Filters.exists("outbox.eventId")).into(new ArrayList<>()))
							.hasSize(100));
				List<String> patients = new ArrayList<>();
				for (int p = 0; p < 50; p++) {
					patients.add("patient-" + p);
				}
				Document openAlerts = new Document("patientId", new Document("$in", patients)).append("status",
						new Document("$in", List.of("OPEN", "ACKNOWLEDGED")));
				report(name, "alert list, 50 patients' open alerts", 20,
						(i) -> assertThat(collection.find(openAlerts).into(new ArrayList<>())).isNotEmpty());
			}
		}
	}

	private static MongoCollection<Document> fill(MongoCollection<Document> collection) {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			Document document = new Document("_id", "d" + i).append("version", 0L)
				.append("patientId", "patient-" + (i % 1_000))
				.append("status", (i % 3 == 0) ? "OPEN" : "RESOLVED")
				.append("payload", "x".repeat(500))
				.append("outbox", (i % 100 == 0) ? List.of(new Document("eventId", "e" + i)) : List.of());
			documents.add(document);
		}
		collection.insertMany(documents);
		return collection;
	}

	private static void report(String collection, String what, int times, IntConsumer operation) {
		operation.accept(0);
		long start = System.nanoTime();
		for (int i = 1; i <= times; i++) {
			operation.accept(i);
		}
		double micros = (System.nanoTime() - start) / 1_000.0 / times;
		System.out.printf("%-8s %-40s %10.0f us per operation (%d documents)%n", collection, what, micros, DOCUMENTS);
	}

}
