package org.stepwise.contracts;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;

/**
 * Derives the JSON Schema (draft 2020-12) of an event type from its record: the whole
 * CloudEvents envelope, with {@code data} described component by component. The committed
 * schema files are this output; a test regenerates and compares them, so a record cannot
 * change without its schema. Objects allow additional properties: within a major version
 * producers may add optional fields, and consumers ignore what they do not know.
 */
final class SchemaGenerator {

	private SchemaGenerator() {
	}

	static Map<String, Object> schemaOf(EventType type) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("specversion", Map.of("const", EventEnvelope.SPEC_VERSION));
		properties.put("id", nonEmptyString("Unique per event; consumers de-duplicate on it"));
		properties.put("source", nonEmptyString("The producing service, e.g. /stepwise/attendance-service"));
		properties.put("type", Map.of("const", type.type()));
		properties.put("time", ordered("type", "string", "format", "date-time"));
		properties.put("subject", subject(type));
		properties.put("datacontenttype", Map.of("const", EventEnvelope.DATA_CONTENT_TYPE));
		Map<String, Object> data = objectSchema(type.payload());
		if (type.payload() == AssessmentScored.class) {
			data.put("allOf", Arrays.stream(Instrument.values()).map(SchemaGenerator::instrumentBounds).toList());
		}
		properties.put("data", data);
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.put("$id", "https://stepwise.example/schemas/" + type.type() + ".json");
		schema.put("title", type.type());
		schema.put("description", "CloudEvents 1.0 structured-mode event " + type.type() + " on " + type.topic()
				+ ", payload " + type.payload().getSimpleName());
		schema.put("type", "object");
		// datacontenttype is optional in CloudEvents, and the codec reads events without
		// it
		schema.put("required",
				properties.keySet().stream().filter((attribute) -> !attribute.equals("datacontenttype")).toList());
		schema.put("properties", properties);
		schema.put("additionalProperties", true);
		return schema;
	}

	private static Map<String, Object> objectSchema(Class<?> record) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		for (RecordComponent component : record.getRecordComponents()) {
			boolean nullable = isNullable(component.getAnnotatedType());
			properties.put(component.getName(), schemaOf(component.getAnnotatedType(), nullable));
			if (!nullable) {
				required.add(component.getName());
			}
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("required", required);
		schema.put("properties", properties);
		schema.put("additionalProperties", true);
		return schema;
	}

	private static Map<String, Object> schemaOf(AnnotatedType type, boolean nullable) {
		Map<String, Object> schema = schemaOf(type);
		if (nullable && schema.get("type") instanceof String single) {
			schema.put("type", List.of(single, "null"));
			if (schema.get("enum") instanceof List<?> values) {
				// enum constrains null too: an absent optional value must stay valid
				List<Object> withNull = new ArrayList<>(values);
				withNull.add(null);
				schema.put("enum", withNull);
			}
		}
		return schema;
	}

	/**
	 * The schema of a type with the bounds its annotations put on it ({@link Range},
	 * {@link Identifier}, {@link OneOf}); a map's or list's value type may carry them
	 * too.
	 */
	private static Map<String, Object> schemaOf(AnnotatedType type) {
		Map<String, Object> schema;
		if (type instanceof AnnotatedParameterizedType parameterized) {
			Class<?> raw = (Class<?>) ((ParameterizedType) parameterized.getType()).getRawType();
			AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
			schema = new LinkedHashMap<>();
			if (Map.class.isAssignableFrom(raw)) {
				schema.put("type", "object");
				schema.put("additionalProperties", schemaOf(arguments[1]));
			}
			else if (Collection.class.isAssignableFrom(raw)) {
				schema.put("type", "array");
				schema.put("items", schemaOf(arguments[0]));
				if (Set.class.isAssignableFrom(raw)) {
					schema.put("uniqueItems", true);
				}
			}
			else {
				throw new IllegalArgumentException("Unsupported generic type " + type);
			}
		}
		else {
			schema = schemaOf(type.getType());
		}
		Range range = type.getAnnotation(Range.class);
		if (range != null) {
			schema.put("minimum", range.min());
			if (range.max() != Long.MAX_VALUE) {
				schema.put("maximum", range.max());
			}
		}
		if (type.isAnnotationPresent(Identifier.class)) {
			schema.put("pattern", Identifiers.PATTERN);
		}
		OneOf oneOf = type.getAnnotation(OneOf.class);
		if (oneOf != null) {
			schema.put("enum", Arrays.stream(oneOf.value().getEnumConstants()).map(Enum::name).toList());
		}
		return schema;
	}

	/**
	 * The response shape of one instrument: which items it has, the range of each, the
	 * range of its total.
	 */
	private static Map<String, Object> instrumentBounds(Instrument instrument) {
		Map<String, Object> items = ordered("propertyNames", Map.of("enum", instrument.itemIds()),
				"additionalProperties", ordered("minimum", 0, "maximum", instrument.maxItem()));
		Map<String, Object> then = new LinkedHashMap<>();
		then.put("items", items);
		if (instrument.maxTotal() != null) {
			then.put("total", ordered("minimum", 0, "maximum", instrument.maxTotal()));
		}
		return ordered("if", ordered("properties", Map.of("instrument", Map.of("const", instrument.name()))), "then",
				ordered("properties", then));
	}

	private static Map<String, Object> subject(EventType type) {
		if (Topics.AUDIT.equals(type.topic())) {
			// the caller when no patient or program is concerned: a client or user name
			return nonEmptyString("The patient id, else the program id, else the caller (also the Kafka key)");
		}
		Map<String, Object> subject = nonEmptyString(Topics.PROGRAMS.equals(type.topic())
				? "The program id (also the Kafka key)" : "The patient id (also the Kafka key)");
		subject.put("pattern", Identifiers.PATTERN);
		return subject;
	}

	private static Map<String, Object> schemaOf(Type type) {
		Map<String, Object> schema = new LinkedHashMap<>();
		Class<?> clazz = (Class<?>) type;
		if (clazz == String.class) {
			schema.put("type", "string");
		}
		else if (clazz == int.class || clazz == Integer.class || clazz == long.class || clazz == Long.class) {
			schema.put("type", "integer");
		}
		else if (clazz == boolean.class || clazz == Boolean.class) {
			schema.put("type", "boolean");
		}
		else if (clazz == BigDecimal.class || clazz == double.class || clazz == Double.class) {
			schema.put("type", "number");
		}
		else if (clazz == Instant.class) {
			schema.put("type", "string");
			schema.put("format", "date-time");
		}
		else if (clazz == LocalDate.class) {
			schema.put("type", "string");
			schema.put("format", "date");
		}
		else if (clazz.isEnum()) {
			schema.put("type", "string");
			schema.put("enum", Arrays.stream(clazz.getEnumConstants()).map((c) -> ((Enum<?>) c).name()).toList());
		}
		else if (clazz.isRecord()) {
			return objectSchema(clazz);
		}
		else {
			throw new IllegalArgumentException("Unsupported type " + clazz);
		}
		return schema;
	}

	private static boolean isNullable(AnnotatedType type) {
		return type.isAnnotationPresent(Nullable.class);
	}

	private static Map<String, Object> nonEmptyString(String description) {
		return ordered("type", "string", "minLength", 1, "description", description);
	}

	/**
	 * A map that keeps its keys in the given order, so the generated files are stable.
	 */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
