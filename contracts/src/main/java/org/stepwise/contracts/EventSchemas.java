package org.stepwise.contracts;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of every event type (draft 2020-12, {@code /schemas} on the class
 * path), each compiled once, checking whole events. Thread-safe.
 */
final class EventSchemas {

	/** A JSON pointer segment that may appear in a reason: a field name or an index. */
	private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

	EventSchemas() {
		// Draft 2020-12 makes "format" an annotation only; the events' date-times must be
		// RFC 3339, so assert it.
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		for (EventType type : EventType.values()) {
			Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + type.schemaResource().substring(1)));
			schema.initializeValidators();
			this.schemas.put(type, schema);
		}
	}

	/**
	 * @throws InvalidEventException with a reason that names where and which rule (e.g.
	 * {@code schema: /data/items/9 maximum}), never the value
	 */
	void check(EventType type, JsonNode event) {
		Schema schema = this.schemas.get(type);
		// the yes-or-no answer stops at the first failure and collects nothing (a
		// seventh less per decode); an invalid event is validated again for the reason
		if (schema.validate(event, OutputFormat.BOOLEAN)) {
			return;
		}
		List<Error> errors = schema.validate(event);
		if (!errors.isEmpty()) {
			throw new InvalidEventException(reason(errors.get(0)));
		}
	}

	private static String reason(Error error) {
		StringBuilder reason = new StringBuilder(EventCodec.SCHEMA_REASON_PREFIX);
		reason.append(pointer(error.getInstanceLocation().toString())).append(' ').append(error.getKeyword());
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			// the missing property's name comes from the schema
			reason.append(' ').append(error.getProperty());
		}
		return reason.toString();
	}

	/**
	 * The instance location as a JSON pointer, with any segment that is not a plain name
	 * or index (a map key chosen by the producer) masked as {@code *}.
	 */
	static String pointer(String location) {
		if (location.isEmpty() || "/".equals(location)) {
			return "/";
		}
		StringBuilder pointer = new StringBuilder();
		for (String segment : location.substring(location.startsWith("/") ? 1 : 0).split("/", -1)) {
			pointer.append('/').append(PLAIN_SEGMENT.matcher(segment).matches() ? segment : "*");
		}
		return pointer.toString();
	}

}
