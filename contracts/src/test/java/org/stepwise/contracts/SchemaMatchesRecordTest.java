package org.stepwise.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Holds each committed schema file to its record by reflection, independently of
 * {@link SchemaGenerator}: every record component (recursively, through lists, sets, maps
 * and nested records) is a {@code data} property of the right JSON type, every property
 * is a component, enum lists are the Java constants, and only {@code @Nullable}
 * components may be null or absent. A record change without a schema change fails here.
 */
class SchemaMatchesRecordTest {

	private static final JsonMapper JSON = EventCodec.defaultMapper();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theDataSchemaDescribesExactlyThePayloadRecord(EventType type) {
		JsonNode data = schema(type).path("properties").path("data");
		assertRecordMatches(type.payload(), data, type.type() + " data", new HashSet<>());
	}

	@Test
	void nestedRecordsAreCheckedToo() {
		Set<Class<?>> visited = new HashSet<>();
		for (EventType type : EventType.values()) {
			assertRecordMatches(type.payload(), schema(type).path("properties").path("data"), type.type(), visited);
		}
		assertThat(visited).contains(LevelOfCare.class, Reason.class, SignalFired.class, AnalyteResult.class)
			.containsAll(Arrays.stream(EventType.values()).map(EventType::payload).toList());
	}

	@Test
	void aSchemaThatFallsBehindItsRecordIsCaught() {
		EventType type = EventType.PLAN_CHANGED;
		assertThatThrownBy(() -> check(type, (data) -> properties(data).remove("ruleSetVersion")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("ruleSetVersion");
		assertThatThrownBy(() -> check(type, (data) -> properties(data).putObject("retired").put("type", "string")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("retired");
		assertThatThrownBy(
				() -> check(type, (data) -> ((ArrayNode) properties(data).path("direction").path("enum")).remove(0)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("direction");
		assertThatThrownBy(() -> check(type,
				(data) -> ((ObjectNode) properties(data).path("levelOfCare").path("properties")).remove("edition")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("edition");
		assertThatThrownBy(() -> check(type, (data) -> properties(data).putObject("weeklyHours").put("type", "string")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("weeklyHours");
		assertThatThrownBy(() -> check(type, (data) -> data.put("additionalProperties", false)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("additional");
		assertThat(PlanChanged.class.getRecordComponents()).extracting(RecordComponent::getName)
			.contains("ruleSetVersion", "direction", "levelOfCare", "weeklyHours");
	}

	@Test
	void nullableComponentsAreExactlyTheOptionalOnes() {
		JsonNode scored = schema(EventType.ASSESSMENT_SCORED).path("properties").path("data");
		assertThat(names(scored.path("required"))).doesNotContain("total").contains("band", "safety");
		assertThat(names(scored.path("properties").path("total").path("type"))).containsExactly("integer", "null");
		JsonNode program = schema(EventType.PROGRAM_UPDATED).path("properties").path("data");
		assertThat(names(program.path("required"))).doesNotContain("onCallClinicianId").contains("timeZone");
	}

	private static void check(EventType type, Consumer<ObjectNode> change) {
		ObjectNode data = (ObjectNode) schema(type).path("properties").path("data");
		change.accept(data);
		assertRecordMatches(type.payload(), data, type.type() + " data", new HashSet<>());
	}

	private static ObjectNode properties(ObjectNode schema) {
		return (ObjectNode) schema.path("properties");
	}

	private static void assertRecordMatches(Class<?> record, JsonNode schema, String path, Set<Class<?>> visited) {
		visited.add(record);
		Set<String> types = jsonTypes(schema);
		types.remove("null");
		assertThat(types).as("%s type", path).containsExactly("object");
		// additive changes stay compatible only if no object closes itself
		assertThat(schema.path("additionalProperties").asBoolean(true)).as("%s allows additional properties", path)
			.isTrue();
		RecordComponent[] components = record.getRecordComponents();
		Set<String> componentNames = new TreeSet<>(Arrays.stream(components).map(RecordComponent::getName).toList());
		Set<String> propertyNames = new TreeSet<>(schema.path("properties").propertyNames());
		assertThat(propertyNames).as("%s properties vs components of %s", path, record.getSimpleName())
			.isEqualTo(componentNames);
		Set<String> required = names(schema.path("required"));
		for (RecordComponent component : components) {
			String where = path + "." + component.getName();
			JsonNode property = schema.path("properties").path(component.getName());
			boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
			assertThat(required.contains(component.getName())).as("%s is required unless @Nullable", where)
				.isEqualTo(!nullable);
			assertThat(jsonTypes(property).contains("null")).as("%s accepts null only if @Nullable", where)
				.isEqualTo(nullable);
			assertTypeMatches(component.getGenericType(), property, where, visited);
		}
	}

	private static void assertTypeMatches(Type type, JsonNode schema, String path, Set<Class<?>> visited) {
		Set<String> types = jsonTypes(schema);
		types.remove("null");
		if (type instanceof ParameterizedType parameterized) {
			Class<?> raw = (Class<?>) parameterized.getRawType();
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Map.class.isAssignableFrom(raw)) {
				assertThat(arguments[0]).as("%s map keys", path).isEqualTo(String.class);
				assertThat(types).as("%s type", path).containsExactly("object");
				assertThat(schema.path("additionalProperties").isObject()).as("%s values schema", path).isTrue();
				assertTypeMatches(arguments[1], schema.path("additionalProperties"), path + "{}", visited);
				return;
			}
			if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
				assertThat(types).as("%s type", path).containsExactly("array");
				assertThat(schema.path("uniqueItems").asBoolean(false)).as("%s uniqueItems", path)
					.isEqualTo(Set.class.isAssignableFrom(raw));
				assertTypeMatches(arguments[0], schema.path("items"), path + "[]", visited);
				return;
			}
			fail("%s: no JSON mapping for %s", path, type);
		}
		Class<?> clazz = (Class<?>) type;
		if (clazz.isRecord()) {
			assertRecordMatches(clazz, schema, path, visited);
		}
		else if (clazz.isEnum()) {
			assertThat(types).as("%s type", path).containsExactly("string");
			List<String> constants = Arrays.stream(clazz.getEnumConstants()).map((c) -> ((Enum<?>) c).name()).toList();
			// an optional enum lists null too (checked with the component's nullability)
			assertThat(schema.path("enum")
				.valueStream()
				.filter((value) -> !value.isNull())
				.map(JsonNode::asString)
				.toList()).as("%s enum vs %s", path, clazz.getSimpleName()).isEqualTo(constants);
		}
		else {
			String[] expected = scalar(clazz, path);
			assertThat(types).as("%s type", path).containsExactly(expected[0]);
			assertThat(schema.path("format").isMissingNode() ? null : schema.path("format").asString())
				.as("%s format", path)
				.isEqualTo(expected[1]);
		}
	}

	/** JSON type and format of each Java scalar the contracts use. */
	private static String[] scalar(Class<?> clazz, String path) {
		if (clazz == String.class) {
			return new String[] { "string", null };
		}
		if (clazz == int.class || clazz == Integer.class || clazz == long.class || clazz == Long.class) {
			return new String[] { "integer", null };
		}
		if (clazz == boolean.class || clazz == Boolean.class) {
			return new String[] { "boolean", null };
		}
		if (clazz == BigDecimal.class) {
			return new String[] { "number", null };
		}
		if (clazz == Instant.class) {
			return new String[] { "string", "date-time" };
		}
		if (clazz == LocalDate.class) {
			return new String[] { "string", "date" };
		}
		return fail("%s: no JSON mapping for %s; teach the schemas and this test about it", path, clazz);
	}

	private static Set<String> jsonTypes(JsonNode schema) {
		JsonNode type = schema.path("type");
		return type.isArray() ? names(type) : new HashSet<>(type.isString() ? List.of(type.asString()) : List.of());
	}

	private static Set<String> names(JsonNode array) {
		Set<String> names = new LinkedHashSet<>();
		array.valueStream().map(JsonNode::asString).forEach(names::add);
		return names;
	}

	private static JsonNode schema(EventType type) {
		try (var in = EventType.class.getResourceAsStream(type.schemaResource())) {
			assertThat(in).as(type.schemaResource()).isNotNull();
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
