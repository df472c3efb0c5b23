package org.stepwise.infra;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

/**
 * A collection of the durable store whose updates never change a document a reader holds.
 * The stock code updates the very object its map holds, field by field, then puts it
 * back; a read hands the same objects to the wire after it has left the collection's
 * lock, so a reader could send a document half changed by an update running beside it.
 * Here an update works on a deep copy of each document it matched and puts the copy back:
 * readers keep the version they found, whole. Only the write path copies.
 */
final class CopyOnWriteH2Collection extends H2Collection {

	/** Set while this thread runs an update (under the collection's lock). */
	private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

	CopyOnWriteH2Collection(MongoDatabase database, String name, CollectionOptions options,
			MVMap<Object, Document> documents, MVMap<String, Object> metadata, CursorRegistry cursors) {
		super(database, name, options, documents, metadata, cursors);
	}

	@Override
	public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
			boolean multi, boolean upsert, Oplog oplog) {
		UPDATING.set(true);
		try {
			return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
		}
		finally {
			UPDATING.set(false);
		}
	}

	@Override
	public synchronized Document findAndModify(Document query) {
		UPDATING.set(true);
		try {
			return super.findAndModify(query);
		}
		finally {
			UPDATING.set(false);
		}
	}

	/** Both updates find their documents here, by index or by scan. */
	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
			Document projection) {
		QueryResult found = super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		if (!UPDATING.get()) {
			return found;
		}
		List<Document> copies = new ArrayList<>();
		found.forEach((document) -> copies.add(document.cloneDeeply()));
		return new QueryResult(copies, found.getCursorId());
	}

}
