package org.stepwise.infra;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader keeps the version of a document it found while an update runs: the durable
 * store's updates change a copy. (The stock collection changed the object the reader
 * held, field by field, so the reader could send it half changed.)
 */
class CopyOnWriteH2CollectionTest {

	private final MVStore store = new MVStore.Builder().open();

	private final MongoCollection<Object> patients = BsonH2Database.open("stepwise", this.store, new CursorRegistry())
		.createCollectionOrThrowIfExists("patients", CollectionOptions.withDefaults());

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void aDocumentAReaderHoldsIsNotChangedByAnUpdateBesideIt() {
		this.patients.addDocument(new Document("_id", "p1").append("version", 1)
			.append("state", new Document("level", "2.1"))
			.append("outbox", List.of(new Document("eventId", "e1"))));
		Document held = readP1();

		this.patients
			.updateDocuments(new Document("_id", "p1"),
					new Document("$set", new Document("state.level", "2.5")).append("$inc", new Document("version", 1))
						.append("$unset", new Document("outbox", "")),
					ArrayFilters.empty(), false, false, NoopOplog.get());

		assertThat(held.get("version")).isEqualTo(1);
		assertThat(((Document) held.get("state")).get("level")).isEqualTo("2.1");
		assertThat(held.containsKey("outbox")).isTrue();
		Document now = readP1();
		assertThat(now.get("version")).isEqualTo(2);
		assertThat(((Document) now.get("state")).get("level")).isEqualTo("2.5");
		assertThat(now.containsKey("outbox")).isFalse();
	}

	@Test
	void findAndModifyAlsoLeavesTheReadersVersionWhole() {
		this.patients.addDocument(new Document("_id", "p1").append("version", 1));
		Document held = readP1();

		Document answer = this.patients.findAndModify(new Document("query", new Document("_id", "p1"))
			.append("update", new Document("$inc", new Document("version", 1)))
			.append("new", true));

		assertThat(held.get("version")).isEqualTo(1);
		assertThat(((Document) answer.get("value")).get("version")).isEqualTo(2);
		assertThat(readP1().get("version")).isEqualTo(2);
	}

	private Document readP1() {
		return this.patients.handleQuery(new QueryParameters(new Document("_id", "p1"), 0, 0)).iterator().next();
	}

}
