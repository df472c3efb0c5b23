package org.stepwise.infra;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 database of the embedded store with cheaper encodings than the stock one:
 * documents as BSON ({@link BsonDocumentType}), unique index keys as BSON values ordered
 * by value ({@link KeyValueType}). Index maps of the stock backend are replaced by maps
 * of their own name, which the stock code fills from the documents when it finds them
 * empty, so a file written by the stock backend opens as it is. Updates change copies
 * ({@link CopyOnWriteH2Collection}).
 */
final class BsonH2Database extends H2Database {

	/** The stock backend's map names: a collection's documents and metadata. */
	private static final String DOCUMENTS = "databases.";

	private static final String METADATA = "meta.";

	/** The store while the stock constructor opens the existing collections. */
	private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

	private final MVStore store;

	private BsonH2Database(String name, MVStore store, CursorRegistry cursors) {
		super(name, store, cursors);
		this.store = store;
	}

	static BsonH2Database open(String name, MVStore store, CursorRegistry cursors) {
		OPENING.set(store);
		try {
			return new BsonH2Database(name, store, cursors);
		}
		finally {
			OPENING.remove();
		}
	}

	private MVStore store() {
		return (this.store != null) ? this.store : OPENING.get();
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		String namespace = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> documents = store().openMap(DOCUMENTS + namespace,
				new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
		MVMap<String, Object> metadata = store().openMap(METADATA + namespace);
		return new CopyOnWriteH2Collection(this, collectionName, options, documents, metadata, this.cursorRegistry);
	}

	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		String namespace = getFullCollectionNamespace(collectionName);
		// the stock backend's map of this index is ordered differently: dropped, rebuilt
		store().removeMap(namespace + "._index_" + indexName);
		MVMap<KeyValue, Object> positions = store().openMap(keysMap(namespace, indexName),
				new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
		return new KeyIndex(positions, indexName, keys, sparse);
	}

	@Override
	protected void dropIndex(MongoCollection<Object> collection, String indexName) {
		super.dropIndex(collection, indexName);
		store().removeMap(keysMap(collection.getFullName(), indexName));
	}

	private static String keysMap(String namespace, String indexName) {
		return namespace + "._keys_" + indexName;
	}

}
