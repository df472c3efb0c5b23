package org.stepwise.contracts;

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
		properties.put("subject", nonEmptyString(Topics.PROGRAMS.equals(type.topic())
				? "The program id (also the Kafka key)" : "The patient id (also the Kafka key)"));
		properties.put("datacontenttype", Map.of("const", EventEnvelope.DATA_CONTENT_TYPE));
		properties.put("data", objectSchema(type.payload()));
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.put("$id", "https://stepwise.example/schemas/" + type.type() + ".json");
		schema.put("title", type.type());
		schema.put("description", "CloudEvents 1.0 structured-mode event " + type.type() + " on " + type.topic()
				+ ", payload " + type.payload().getSimpleName());
		schema.put("type", "object");
		schema.put("required", List.copyOf(properties.keySet()));
		schema.put("properties", properties);
		schema.put("additionalProperties", true);
		return schema;
	}

	private static Map<String, Object> objectSchema(Class<?> record) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		for (RecordComponent component : record.getRecordComponents()) {
			boolean nullable = isNullable(component.getAnnotatedType());
			properties.put(component.getName(), schemaOf(component.getGenericType(), nullable));
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

	private static Map<String, Object> schemaOf(Type type, boolean nullable) {
		Map<String, Object> schema = schemaOf(type);
		if (nullable && schema.get("type") instanceof String single) {
			schema.put("type", List.of(single, "null"));
		}
		return schema;
	}

	private static Map<String, Object> schemaOf(Type type) {
		Map<String, Object> schema = new LinkedHashMap<>();
		if (type instanceof ParameterizedType parameterized) {
			Class<?> raw = (Class<?>) parameterized.getRawType();
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Map.class.isAssignableFrom(raw)) {
				schema.put("type", "object");
				schema.put("additionalProperties", schemaOf(arguments[1]));
				return schema;
			}
			if (Collection.class.isAssignableFrom(raw)) {
				schema.put("type", "array");
				schema.put("items", schemaOf(arguments[0]));
				if (Set.class.isAssignableFrom(raw)) {
					schema.put("uniqueItems", true);
				}
				return schema;
			}
			throw new IllegalArgumentException("Unsupported generic type " + type);
		}
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
