package org.stepwise.infra;

import java.nio.ByteBuffer;
import java.util.Iterator;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The keys of the embedded store's unique indexes, ordered by their values and stored as
 * BSON values. H2's default type orders objects it does not know by comparing their Java
 * serializations, so every step of every index lookup serialized two keys (under load, a
 * third of the store's CPU), and it stores them Java-serialized, which made reading and
 * writing index pages most of a catch-up's store CPU. Index maps of this type have names
 * of their own and are built anew from the documents (see {@link BsonH2Database}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

	static final KeyValueType INSTANCE = new KeyValueType();

	private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

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

	/** The number of values, then each as a BSON type byte and value. */
	@Override
	public void write(WriteBuffer buff, KeyValue key) {
		ByteBuf bson = Unpooled.buffer(16 + 16 * key.size());
		bson.writeByte(key.size());
		for (Object value : key) {
			// index keys are normalized: absent is null
			Object stored = Missing.isNullOrMissing(value) ? null : value;
			byte type = BsonEncoder.determineType(stored);
			bson.writeByte(type);
			BsonEncoder.encodeValue(type, stored, bson);
		}
		buff.putVarInt(bson.readableBytes());
		buff.put(bson.array(), bson.arrayOffset(), bson.readableBytes());
	}

	@Override
	public KeyValue read(ByteBuffer buff) {
		byte[] bytes = new byte[DataUtils.readVarInt(buff)];
		buff.get(bytes);
		ByteBuf bson = Unpooled.wrappedBuffer(bytes);
		Object[] values = new Object[bson.readByte()];
		for (int i = 0; i < values.length; i++) {
			values[i] = BsonDecoder.decodeValue(bson.readByte(), bson);
		}
		return new KeyValue(values);
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
