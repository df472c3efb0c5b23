package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the JSON Schemas and the records together, and checks events against the schemas
 * with a real validator (networknt, draft 2020-12).
 */
class SchemasTest {

	private static final JsonMapper PRETTY = EventCodec.defaultMapper();

	private static final JsonMapper JSON = EventCodec.defaultMapper();

	// Draft 2020-12 makes "format" an annotation only; consumers rely on date-time being
	// RFC 3339, so assert it.
	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private final EventCodec codec = new EventCodec();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theCommittedSchemaIsTheOneTheRecordDefines(EventType type) {
		String generated = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(SchemaGenerator.schemaOf(type))
				+ "\n";
		if (ContractFiles.rewrite()) {
			ContractFiles.write(ContractFiles.schema(type), generated);
		}
		assertThat(Files.exists(ContractFiles.schema(type))).as("schema file of %s", type).isTrue();
		assertThat(ContractFiles.read(ContractFiles.schema(type)))
			.as("schema of %s is out of date: rerun with -Dstepwise.write-contract-files=true", type)
			.isEqualTo(generated);
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theSchemaIsOnTheClassPathWhereEventTypeSaysAndIsAValidDraft202012Schema(EventType type) throws Exception {
		try (var in = EventType.class.getResourceAsStream(type.schemaResource())) {
			assertThat(in).as(type.schemaResource()).isNotNull();
			JsonNode schema = JSON.readTree(in);
			assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
			assertThat(schema.at("/properties/type/const").asString()).isEqualTo(type.type());
		}
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void anEncodedEventValidatesAgainstItsSchema(EventType type) throws Exception {
		JsonNode event = JSON.readTree(this.codec.encode(Samples.of(type)));
		assertThat(validate(type, event)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theGoldenSampleValidatesAgainstItsSchema(EventType type) throws Exception {
		assertThat(validate(type, JSON.readTree(ContractFiles.read(ContractFiles.golden(type))))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void anEventMissingARequiredFieldOrWithAWrongTypeIsInvalid(EventType type) throws Exception {
		ObjectNode missing = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
		String firstRequired = schemaOf(type).at("/properties/data/required/0").asString();
		((ObjectNode) missing.get("data")).remove(firstRequired);
		assertThat(validate(type, missing)).isNotEmpty();

		ObjectNode wrongType = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
		wrongType.put("type", "stepwise.something.else.v1");
		assertThat(validate(type, wrongType)).isNotEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void additionalFieldsStayValidSoAdditiveChangesAreCompatible(EventType type) throws Exception {
		ObjectNode event = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
		event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		((ObjectNode) event.get("data")).put("addedInALaterMinorVersion", 42);
		assertThat(validate(type, event)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void aTimeThatIsNotRfc3339IsInvalid(EventType type) throws Exception {
		ObjectNode event = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
		event.put("time", "03/03/2026 02:05");
		assertThat(validate(type, event)).extracting(Error::getKeyword).contains("format");
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void missingEnvelopeAttributesAreInvalid(EventType type) throws Exception {
		for (String attribute : List.of("specversion", "id", "source", "type", "time", "subject", "data")) {
			ObjectNode event = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
			event.remove(attribute);
			assertThat(validate(type, event)).as(attribute).extracting(Error::getKeyword).contains("required");
		}
		ObjectNode event = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(type)));
		event.put("specversion", "0.3");
		assertThat(validate(type, event)).isNotEmpty();
	}

	@Test
	void enumValuesOutsideTheJavaConstantsAreInvalid() throws Exception {
		ObjectNode event = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(EventType.ATTENDANCE_RECORDED)));
		((ObjectNode) event.get("data")).put("status", "VANISHED");
		assertThat(validate(EventType.ATTENDANCE_RECORDED, event)).extracting(Error::getKeyword).contains("enum");

		ObjectNode progress = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(EventType.PROGRESS_ASSESSED)));
		((ObjectNode) progress.at("/data/signals/0")).put("severity", "URGENT");
		assertThat(validate(EventType.PROGRESS_ASSESSED, progress)).extracting(Error::getKeyword).contains("enum");
	}

	@Test
	void wrongTypesInsideNestedObjectsAreInvalid() throws Exception {
		ObjectNode plan = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(EventType.PLAN_CHANGED)));
		((ObjectNode) plan.at("/data/levelOfCare")).put("edition", "third");
		((ObjectNode) plan.at("/data/reasons/0/values")).put("uses14d", 2);
		((ObjectNode) plan.get("data")).put("startDate", "2026-02-09T00:00:00Z");
		((ObjectNode) plan.get("data")).put("weeklyHours", "12");
		assertThat(validate(EventType.PLAN_CHANGED, plan))
			.extracting((message) -> message.getInstanceLocation().toString())
			.containsExactlyInAnyOrder("/data/levelOfCare/edition", "/data/reasons/0/values/uses14d", "/data/startDate",
					"/data/weeklyHours");

		ObjectNode scored = (ObjectNode) JSON.readTree(this.codec.encode(Samples.of(EventType.ASSESSMENT_SCORED)));
		((ObjectNode) scored.at("/data/items")).put("9", "1");
		((ObjectNode) scored.get("data")).putArray("labels").add("PART2").add("PART2");
		assertThat(validate(EventType.ASSESSMENT_SCORED, scored)).extracting(Error::getKeyword)
			.contains("type", "uniqueItems");
	}

	@Test
	void optionalFieldsMayBeNullAndTheOthersMayNot() throws Exception {
		assertThat(validate(EventType.ASSESSMENT_SCORED, JSON.readTree(this.codec.encode(Samples.drugScreen()))))
			.isEmpty();
		assertThat(
				validate(EventType.PROGRAM_UPDATED, JSON.readTree(this.codec.encode(Samples.programWithoutOnCall()))))
			.isEmpty();

		ObjectNode scored = (ObjectNode) JSON.readTree(this.codec.encode(Samples.drugScreen()));
		((ObjectNode) scored.get("data")).remove("total");
		assertThat(validate(EventType.ASSESSMENT_SCORED, scored)).as("an optional field may be left out").isEmpty();
		((ObjectNode) scored.get("data")).putNull("band");
		assertThat(validate(EventType.ASSESSMENT_SCORED, scored)).extracting(Error::getKeyword).containsExactly("type");
	}

	@Test
	void everySchemaFileBelongsToAnEventType() throws Exception {
		try (Stream<Path> files = Files.list(ContractFiles.SCHEMAS)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
					Arrays.stream(EventType.values()).map((type) -> type.type() + ".json").toList());
		}
		try (Stream<Path> files = Files.list(ContractFiles.GOLDEN)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
					Arrays.stream(EventType.values()).map((type) -> type.type() + ".json").toList());
		}
	}

	private static List<Error> validate(EventType type, JsonNode event) {
		Schema schema = REGISTRY.getSchema(schemaOf(type));
		return schema.validate(event);
	}

	private static JsonNode schemaOf(EventType type) {
		return JSON.readTree(ContractFiles.read(ContractFiles.schema(type)).getBytes(StandardCharsets.UTF_8));
	}

}
