package org.stepwise.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded store, which the stock code accepts and ignores (so
 * every query on a field that is not unique scanned the whole collection, and each scan
 * cost more as the data grew). Entries are (the document's key values, its position) in
 * an H2 map ordered by value ({@link KeyValueType}), so one document may share its key
 * values with any number of others.
 * <p>
 * It answers a query that names its leading keys by equality (or the first one by
 * {@code $in}), whatever else the query asks: it narrows the documents to those with
 * these values, and the collection still matches each against the whole query (and
 * sorts). MongoDB's planner does the same with an index prefix. A query it cannot narrow
 * (a range, a regular expression, null, an array or document value on the first key) is
 * left to the next index or a scan, as before.
 */
final class SecondaryIndex extends Index<Object> {

	private static final String IN = "$in";

	/** (key values..., position) to position; the key makes each entry distinct. */
	private final MVMap<KeyValue, Object> entries;

	SecondaryIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.entries = entries;
	}

	/** Positions come from the {@code _id} index; many documents share these keys. */
	@Override
	public Object getPosition(Document document) {
		return null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// not unique: nothing to refuse, but arrays in two keys fail here as on MongoDB
		getKeyValues(document);
	}

	@Override
	public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
		if (skipped(document)) {
			return;
		}
		for (KeyValue values : getKeyValues(document)) {
			this.entries.put(entry(values, position), position);
		}
	}

	@Override
	public synchronized Object remove(Document document) {
		if (skipped(document)) {
			return null;
		}
		Object position = null;
		Object id = document.get("_id");
		for (KeyValue values : getKeyValues(document)) {
			Object removed = this.entries.remove(entry(values, id));
			position = (removed != null) ? removed : position;
		}
		// the collection asks every non-sparse index for the removed document's position
		return (position != null) ? position : id;
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		checkAdd(newDocument, collection);
	}

	@Override
	public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
			remove(oldDocument);
			add(newDocument, position, collection);
		}
	}

	@Override
	public boolean canHandle(Document query) {
		return !prefixes(query).isEmpty();
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		Set<Object> positions = new LinkedHashSet<>();
		for (KeyValue prefix : prefixes(query)) {
			Cursor<KeyValue, Object> cursor = this.entries.cursor(prefix);
			while (cursor.hasNext()) {
				KeyValue key = cursor.next();
				if (!startsWith(key, prefix)) {
					break;
				}
				positions.add(cursor.getValue());
			}
		}
		return positions;
	}

	@Override
	public long getCount() {
		return this.entries.sizeAsLong();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void drop() {
		this.entries.clear();
	}

	/**
	 * The normalized values of the leading keys the query names by equality, one prefix
	 * per value of an {@code $in} on the first key; none if the query does not name the
	 * first key so.
	 */
	List<KeyValue> prefixes(Document query) {
		List<String> keys = keys();
		List<Object> first = equalities(query.get(keys.getFirst()));
		if (first.isEmpty()) {
			return List.of();
		}
		List<Object> rest = new ArrayList<>();
		for (String key : keys.subList(1, keys.size())) {
			Object value = query.get(key);
			if (!single(value)) {
				break;
			}
			rest.add(value);
		}
		List<KeyValue> prefixes = new ArrayList<>();
		for (Object value : first) {
			List<Object> values = new ArrayList<>();
			values.add(value);
			values.addAll(rest);
			prefixes.add(new KeyValue(values).normalized());
		}
		return prefixes;
	}

	/** The values a query field asks for by equality, or none if it asks otherwise. */
	private static List<Object> equalities(Object value) {
		if (single(value)) {
			return List.of(value);
		}
		if (value instanceof Document operator && operator.size() == 1
				&& operator.get(IN) instanceof Collection<?> values && !values.isEmpty()
				&& values.stream().allMatch(SecondaryIndex::single)) {
			return List.copyOf(values);
		}
		return List.of();
	}

	/**
	 * A value equality matches through the index: not absent or null (which also match
	 * missing fields), not an array or a document (which MongoDB compares whole), not a
	 * pattern.
	 */
	private static boolean single(Object value) {
		return !Missing.isNullOrMissing(value) && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)
				&& !(value instanceof Pattern) && !(value instanceof BsonRegularExpression);
	}

	private boolean skipped(Document document) {
		return isSparse()
				&& keys().stream().allMatch((key) -> Missing.isNullOrMissing(Utils.getSubdocumentValue(document, key)));
	}

	private static KeyValue entry(KeyValue values, Object position) {
		List<Object> key = new ArrayList<>(values.size() + 1);
		values.forEach(key::add);
		key.add(position);
		return new KeyValue(key);
	}

	private static boolean startsWith(KeyValue key, KeyValue prefix) {
		if (key.size() <= prefix.size()) {
			return false;
		}
		Iterator<Object> values = key.iterator();
		for (Object expected : prefix) {
			if (KeyValueType.INSTANCE.compare(new KeyValue(values.next()), new KeyValue(expected)) != 0) {
				return false;
			}
		}
		return true;
	}

}
