package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the JSON Schemas and the records together, and checks events against the schemas
 * with a real validator (networknt, draft 2020-12).
 */
class SchemasTest {

	private static final JsonMapper PRETTY = EventCodec.defaultMapper();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

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
			assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
			assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.type());
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
		String firstRequired = schemaOf(type).at("/properties/data/required/0").asText();
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

	private static Set<ValidationMessage> validate(EventType type, JsonNode event) throws Exception {
		JsonSchema schema = FACTORY.getSchema(schemaOf(type));
		return schema.validate(event);
	}

	private static JsonNode schemaOf(EventType type) throws Exception {
		return JSON.readTree(ContractFiles.read(ContractFiles.schema(type)).getBytes(StandardCharsets.UTF_8));
	}

}
