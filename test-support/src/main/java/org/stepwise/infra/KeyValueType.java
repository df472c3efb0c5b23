package org.stepwise.infra;

import java.nio.ByteBuffer;
import java.util.Iterator;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the embedded store's unique indexes, ordered by their values. H2's default
 * type orders objects it does not know by comparing their Java serializations, so every
 * step of every index lookup serialized two keys: under load that was a third of the
 * store's CPU. Keys are still stored in H2's default format; only the order differs, so
 * index maps of this type have names of their own and are built anew from the documents
 * (see {@link BsonH2Database}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

	static final KeyValueType INSTANCE = new KeyValueType();

	private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

	private final ObjectDataType stored = new ObjectDataType();

	private KeyValueType() {
	}

	@Override
	public int compare(KeyValue a, KeyValue b) {
		Iterator<Object> left = a.iterator();
		Iterator<Object> right = b.iterator();
		while (left.hasNext() && right.hasNext()) {
			int order = VALUES.compare(left.next(), right.next());
			if (order != 0) {
				return order;
			}
		}
		return Boolean.compare(left.hasNext(), right.hasNext());
	}

	@Override
	public int getMemory(KeyValue key) {
		return 64 + 32 * key.size();
	}

	@Override
	public void write(WriteBuffer buff, KeyValue key) {
		this.stored.write(buff, key);
	}

	@Override
	public KeyValue read(ByteBuffer buff) {
		return (KeyValue) this.stored.read(buff);
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
