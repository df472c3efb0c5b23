package org.stepwise.contracts;

import java.time.DateTimeException;
import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link EventEnvelope}s as CloudEvents structured-mode JSON. Readers
 * ignore unknown fields, so a producer may add optional fields within a major version.
 * Thread-safe.
 */
public final class EventCodec {

	/** How every reason of a schema violation starts. */
	public static final String SCHEMA_REASON_PREFIX = "schema: ";

	private static final EventSchemas SCHEMAS = new EventSchemas();

	private final JsonMapper mapper;

	public EventCodec() {
		this(defaultMapper());
	}

	public EventCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public static JsonMapper defaultMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build();
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	public byte[] encode(EventEnvelope<?> envelope) {
		return this.mapper.writeValueAsBytes(envelope);
	}

	/**
	 * Reads one record value. The reasons form a small fixed set (they become a
	 * dead-letter header and a metric tag): {@code empty record value}, {@code not JSON},
	 * {@code not a JSON object}, {@code not a CloudEvents 1.0 event},
	 * {@code unknown event type}, {@code missing data}, {@code missing attribute <name>},
	 * {@code invalid attribute time}, {@code payload does not fit <type>}, and
	 * {@code schema: <JSON pointer> <keyword>} for an event that breaks its JSON Schema
	 * (e.g. {@code schema: /data/items/9 maximum}): consumers act only on events whose
	 * values are in range.
	 * @throws InvalidEventException with a short reason if the bytes are not a Stepwise
	 * event
	 */
	public EventEnvelope<StepwiseEvent> decode(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidEventException("empty record value");
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("not JSON");
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidEventException("not a JSON object");
		}
		if (!EventEnvelope.SPEC_VERSION.equals(text(tree, "specversion"))) {
			throw new InvalidEventException("not a CloudEvents 1.0 event");
		}
		// no type is a poison message too, not an NPE that would stop the partition
		EventType type = EventType.fromType(required(tree, "type"));
		JsonNode data = tree.get("data");
		if (data == null || !data.isObject()) {
			throw new InvalidEventException("missing data");
		}
		String id = required(tree, "id");
		String source = required(tree, "source");
		String subject = required(tree, "subject");
		Instant time = time(tree);
		SCHEMAS.check(type, tree);
		StepwiseEvent payload;
		try {
			payload = this.mapper.treeToValue(data, type.payload());
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			// Jackson's message quotes the value; the reason must carry no content
			throw new InvalidEventException("payload does not fit " + type.type());
		}
		return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, id, source, type.type(), time, subject,
				text(tree, "datacontenttype"), payload);
	}

	private Instant time(JsonNode tree) {
		JsonNode time = tree.get("time");
		if (time == null || time.isNull()) {
			throw new InvalidEventException("missing attribute time");
		}
		try {
			// RFC 3339 text only, as the schema says: no epoch numbers
			if (time.isString()) {
				return this.mapper.treeToValue(time, Instant.class);
			}
		}
		catch (JacksonException | DateTimeException ex) {
			// fall through: the reason must not quote the value
		}
		throw new InvalidEventException("invalid attribute time");
	}

	private static String text(JsonNode tree, String field) {
		JsonNode node = tree.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static String required(JsonNode tree, String field) {
		String value = text(tree, field);
		if (value == null || value.isBlank()) {
			throw new InvalidEventException("missing attribute " + field);
		}
		return value;
	}

}
