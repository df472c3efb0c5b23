package org.stepwise.infra;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Stores the embedded store's documents as BSON in H2 pages. The stock backend leaves
 * them to H2's default type, which uses Java serialization: H2 writes a whole page at
 * every commit, and the durable store commits after every command, so each write
 * re-serialized every document of the pages it touched, and Java serialization of those
 * nested maps was most of the store's CPU under load. BSON, the codec the wire protocol
 * already uses, is several times cheaper both ways and gives the same value types a
 * client's write would.
 * <p>
 * Each value starts with a marker byte that H2's default type never writes first (its
 * tags are not negative), so documents stored by the stock backend are still read, and
 * rewritten as BSON when they change.
 */
final class BsonDocumentType extends BasicDataType<Document> {

	static final BsonDocumentType INSTANCE = new BsonDocumentType();

	private static final byte BSON = (byte) 0xB5;

	private final ObjectDataType legacy = new ObjectDataType();

	private BsonDocumentType() {
	}

	@Override
	public void write(WriteBuffer buff, Document document) {
		ByteBuf bson = Unpooled.buffer(256);
		BsonEncoder.encodeDocument(document, bson);
		buff.put(BSON);
		buff.put(bson.array(), bson.arrayOffset(), bson.readableBytes());
	}

	@Override
	public Document read(ByteBuffer buff) {
		if (buff.get(buff.position()) != BSON) {
			return (Document) this.legacy.read(buff);
		}
		buff.get();
		int length = buff.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
		byte[] bson = new byte[length];
		buff.get(bson);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
	}

	/**
	 * An estimate of the decoded document's heap size, which H2 sizes its page cache by
	 * (without it, the cache held far more than its limit and ran the store out of heap).
	 */
	@Override
	public int getMemory(Document document) {
		return (int) Math.min(Integer.MAX_VALUE, heap(document));
	}

	private static long heap(Object value) {
		if (value instanceof Map<?, ?> map) {
			long size = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				size += 48 + heap(entry.getKey()) + heap(entry.getValue());
			}
			return size;
		}
		if (value instanceof Collection<?> values) {
			long size = 40;
			for (Object element : values) {
				size += 8 + heap(element);
			}
			return size;
		}
		if (value instanceof String string) {
			return 48 + string.length();
		}
		return 24;
	}

	/** Values are never ordered, only compared for equality. */
	@Override
	public int compare(Document a, Document b) {
		return a.equals(b) ? 0 : 1;
	}

	@Override
	public Document[] createStorage(int size) {
		return new Document[size];
	}

}
