package org.stepwise.contracts;

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
		EventType type = EventType.fromType(text(tree, "type"));
		JsonNode data = tree.get("data");
		if (data == null || !data.isObject()) {
			throw new InvalidEventException("missing data");
		}
		try {
			StepwiseEvent payload = this.mapper.treeToValue(data, type.payload());
			return new EventEnvelope<>(text(tree, "specversion"), required(tree, "id"), required(tree, "source"),
					type.type(), this.mapper.treeToValue(tree.get("time"), java.time.Instant.class),
					required(tree, "subject"), text(tree, "datacontenttype"), payload);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new InvalidEventException("payload does not fit " + type.type());
		}
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
