package org.stepwise.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.IndexKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable store's non-unique indexes ({@link SecondaryIndex}) answer exactly what a
 * scan answers: random documents (missing fields, arrays, numbers of several types)
 * queried by equality, {@code $in}, extra filters and sorts, through inserts, updates,
 * deletes and a restart, give the same documents in the same order from an indexed
 * collection as from an unindexed twin. And the index answers the query shapes the
 * services send.
 */
class SecondaryIndexTest {

	static final List<String> PROGRAMS = List.of("program-a", "program-b", "program-c");

	static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED");

	@TempDir
	Path dir;

	@Test
	void indexedQueriesFindWhatAScanFindsThroughChangesAndARestart() {
		Path file = this.dir.resolve("secondary.mv");
		Random random = new Random(7);
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			MongoCollection<Document> indexed = collection(client, "indexed");
			MongoCollection<Document> plain = collection(client, "plain");
			indexed.createIndex(new Document("programId", 1).append("status", 1).append("raisedAt", -1));
			indexed.createIndex(new Document("tags", 1));
			indexed.createIndex(new Document("patientId", 1), new IndexOptions().sparse(true));
			for (int i = 0; i < 300; i++) {
				Document document = randomDocument(i, random);
				indexed.insertOne(document);
				plain.insertOne(new Document(document));
			}
			assertSameAnswers(indexed, plain, random);
			for (int i = 0; i < 100; i++) {
				int id = random.nextInt(300);
				Bson change = switch (i % 4) {
					case 0 -> Updates.set("status", STATUSES.get(random.nextInt(3)));
					case 1 -> Updates.set("programId", PROGRAMS.get(random.nextInt(3)));
					case 2 -> Updates.push("tags", "t" + random.nextInt(5));
					default -> Updates.unset("patientId");
				};
				indexed.updateOne(Filters.eq("_id", id), change);
				plain.updateOne(Filters.eq("_id", id), change);
			}
			for (int i = 0; i < 30; i++) {
				Bson gone = Filters.eq("_id", random.nextInt(300));
				indexed.deleteOne(gone);
				plain.deleteOne(gone);
			}
			assertSameAnswers(indexed, plain, random);
		}
		try (MongoWireServer server = MongoWireServer.durable(file, 0); MongoClient client = client(server.port())) {
			assertSameAnswers(collection(client, "indexed"), collection(client, "plain"), random);
		}
	}

	@Test
	void itAnswersEqualityOnItsLeadingKeysAndLeavesTheRestToTheCollection() {
		SecondaryIndex index = new SecondaryIndex(null, "alerts",
				List.of(new IndexKey("programId", true), new IndexKey("status", true), new IndexKey("raisedAt", false)),
				false);
		assertThat(index.canHandle(doc("programId", "program-a"))).isTrue();
		assertThat(index.canHandle(doc("programId", "program-a").append("status", doc("$in", List.of("OPEN")))))
			.isTrue();
		assertThat(index.canHandle(doc("programId", doc("$in", List.of("program-a", "program-b"))))).isTrue();
		assertThat(index.prefixes(doc("programId", "program-a").append("status", "OPEN").append("kind", "SAFETY")))
			.hasSize(1)
			.allSatisfy((prefix) -> assertThat(prefix.size()).isEqualTo(2));
		// not by equality on the first key: a scan, as before
		assertThat(index.canHandle(doc("programId", doc("$exists", true)))).isFalse();
		assertThat(index.canHandle(doc("status", "OPEN"))).isFalse();
		assertThat(index.canHandle(doc("programId", doc("$gt", "a")))).isFalse();
		assertThat(index.canHandle(doc("programId", null))).isFalse();
		assertThat(index.canHandle(doc("programId", List.of("program-a")))).isFalse();
	}

	private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
		return new de.bwaldvogel.mongo.bson.Document(key, value);
	}

	private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain,
			Random random) {
		List<Bson> filters = new ArrayList<>();
		for (String program : PROGRAMS) {
			filters.add(Filters.eq("programId", program));
			for (String status : STATUSES) {
				filters.add(Filters.and(Filters.eq("programId", program), Filters.eq("status", status)));
				filters.add(Filters.and(Filters.eq("programId", program), Filters.in("status", status, "OPEN"),
						Filters.gte("raisedAt", new Date(random.nextInt(1000) * 1000L))));
			}
		}
		filters.add(Filters.in("programId", "program-a", "program-c"));
		filters.add(Filters.and(Filters.in("programId", "program-b"), Filters.eq("kind", "SAFETY")));
		for (int t = 0; t < 5; t++) {
			filters.add(Filters.eq("tags", "t" + t));
			filters.add(Filters.in("tags", "t" + t, "t" + ((t + 1) % 5)));
		}
		filters.add(Filters.eq("patientId", "patient-3"));
		filters.add(Filters.in("patientId", "patient-1", "patient-2"));
		filters.add(Filters.eq("programId", 1));
		// existence is left to a scan: an empty array or a null exists, with no entry
		filters.add(Filters.exists("tags"));
		filters.add(Filters.exists("patientId"));
		for (Bson filter : filters) {
			Bson order = Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id"));
			assertThat(indexed.find(filter).sort(order).into(new ArrayList<>())).as(filter.toString())
				.isEqualTo(plain.find(filter).sort(order).into(new ArrayList<>()));
		}
	}

	private static Document randomDocument(int id, Random random) {
		Document document = new Document("_id", id).append("raisedAt", new Date(random.nextInt(1000) * 1000L))
			.append("kind", random.nextBoolean() ? "SAFETY" : "RELAPSE_RISK");
		if (random.nextInt(10) > 0) {
			document.append("programId", PROGRAMS.get(random.nextInt(3)));
		}
		if (random.nextInt(10) > 0) {
			document.append("status", STATUSES.get(random.nextInt(3)));
		}
		if (random.nextBoolean()) {
			document.append("patientId", "patient-" + random.nextInt(5));
		}
		List<String> tags = new ArrayList<>();
		for (int t = random.nextInt(3); t > 0; t--) {
			tags.add("t" + random.nextInt(5));
		}
		document.append("tags", tags);
		if (id % 50 == 0) {
			// a number where others have text: found by its value, like MongoDB
			document.append("programId", (id % 100 == 0) ? 1 : 1.0);
		}
		return document;
	}

	private static MongoCollection<Document> collection(MongoClient client, String name) {
		return client.getDatabase("secondary").getCollection(name);
	}

	private static MongoClient client(int port) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + port))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

}
