package org.stepwise.plan.progress;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import org.stepwise.plan.progress.domain.Projection;

/**
 * How a patient's progress projection is stored in its document (issue 19): as one binary
 * value, the projection's BSON document (the form it had as an embedded document, field
 * names and all) deflated. Its marks repeat the same field names and id prefixes entry
 * after entry, so this keeps the hot document a fraction of its size; nothing queries
 * inside the projection (the recommendation lookup reads {@code state.recommendations},
 * which stays a document). Documents written before are still read: their projection is
 * an embedded document, which the ordinary mapping reads as before, and the next write
 * stores it compact.
 *
 * <p>
 * The value: format byte {@link #FORMAT}, the BSON document's length (4 bytes, big
 * endian), then the deflated BSON; generic binary subtype (the embedded store gave a
 * user-defined one back as another).
 */
public final class StoredProjections {

	static final byte SUBTYPE = BsonBinarySubType.BINARY.getValue();

	static final byte FORMAT = 1;

	private static final int HEADER = 1 + Integer.BYTES;

	/**
	 * Writes and reads the projection's document with no custom conversions and no type
	 * hint.
	 */
	private final MappingMongoConverter plain;

	StoredProjections() {
		MongoCustomConversions conversions = new MongoCustomConversions(List.of());
		MongoMappingContext context = new MongoMappingContext();
		context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		context.afterPropertiesSet();
		this.plain = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
		this.plain.setCustomConversions(conversions);
		this.plain.setTypeMapper(new DefaultMongoTypeMapper(null));
		this.plain.afterPropertiesSet();
	}

	/** The converters to register with the application's mapping. */
	List<Converter<?, ?>> converters() {
		return List.of(new Write(this), new Read(this));
	}

	Binary write(Projection projection) {
		Document document = new Document();
		this.plain.write(projection, document);
		ByteBuffer bson = new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().asNIO();
		byte[] raw = new byte[bson.remaining()];
		bson.get(raw);
		Deflater deflater = new Deflater();
		try {
			deflater.setInput(raw);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + raw.length / 4);
			out.write(FORMAT);
			out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(raw.length).array());
			byte[] chunk = new byte[4096];
			while (!deflater.finished()) {
				out.write(chunk, 0, deflater.deflate(chunk));
			}
			return new Binary(SUBTYPE, out.toByteArray());
		}
		finally {
			deflater.end();
		}
	}

	Projection read(Binary stored) {
		return this.plain.read(Projection.class, document(stored));
	}

	/** The projection's BSON document held in a stored value (also for diagnostics). */
	public static Document document(Binary stored) {
		byte[] data = stored.getData();
		if (stored.getType() != SUBTYPE || data.length < HEADER || data[0] != FORMAT) {
			throw new IllegalStateException(
					"Not a stored projection of format " + FORMAT + " (subtype " + stored.getType() + ", " + data.length
							+ " bytes, format " + ((data.length > 0) ? data[0] : -1) + ")");
		}
		byte[] raw = new byte[ByteBuffer.wrap(data, 1, Integer.BYTES).getInt()];
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(data, HEADER, data.length - HEADER);
			int length = 0;
			while (length < raw.length && !inflater.finished()) {
				int inflated = inflater.inflate(raw, length, raw.length - length);
				if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
				length += inflated;
			}
			if (length != raw.length || !inflater.finished()) {
				throw new IllegalStateException("A stored projection is truncated");
			}
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException("A stored projection is corrupt", ex);
		}
		finally {
			inflater.end();
		}
		return new RawBsonDocument(raw).decode(new DocumentCodec());
	}

	@WritingConverter
	private record Write(StoredProjections form) implements Converter<Projection, Binary> {

		@Override
		public Binary convert(Projection source) {
			return this.form.write(source);
		}

	}

	@ReadingConverter
	private record Read(StoredProjections form) implements Converter<Binary, Projection> {

		@Override
		public Projection convert(Binary source) {
			return this.form.read(source);
		}

	}

}
