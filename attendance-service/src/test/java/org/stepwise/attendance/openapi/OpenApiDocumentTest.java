package org.stepwise.attendance.openapi;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.OpenApiChecks;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attendance-service's OpenAPI document documents the API (issue 18): a title that says
 * what the service does, tags, a summary on every operation, request examples, schemas
 * with the validation, and problems that are uniform on the wire (a type, no null field).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class OpenApiDocumentTest {

	@Autowired
	TestRestTemplate http;

	@Test
	void theDocumentSaysWhatEveryOperationDoes() {
		JsonNode document = this.http.getForObject("/v3/api-docs", JsonNode.class);
		String version = this.http.getForObject("/actuator/info", JsonNode.class)
			.get("build")
			.get("version")
			.asString();
		assertThat(OpenApiChecks.undocumented(document, version)).isEmpty();
		assertThat(document.get("info").get("title").asString()).startsWith("Stepwise attendance-service: ");
		assertThat(document.get("components").get("schemas").has("Caller")).as("the caller comes from the token")
			.isFalse();
		JsonNode schemas = document.get("components").get("schemas");
		for (String request : List.of("ScheduleSessionRequest", "ScheduleRecurringRequest")) {
			JsonNode roster = schemas.get(request).get("properties").get("roster");
			assertThat(roster.path("minItems").asInt()).as("%s roster minItems", request).isEqualTo(1);
			assertThat(roster.path("maxItems").asInt()).as("%s roster maxItems", request).isEqualTo(100);
			assertThat(schemas.get(request).get("required").valueStream().map(JsonNode::asString)).contains("roster");
		}
	}

	@Test
	void problemsHaveATypeAndNoNullField() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(TestTokens.operator("program-a"));
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<JsonNode> invalid = this.http.exchange("/api/v1/sessions", HttpMethod.POST,
				new HttpEntity<>(Map.of("programId", "program-a", "roster", List.of()), headers), JsonNode.class);
		headers.setContentType(MediaType.TEXT_PLAIN);
		ResponseEntity<JsonNode> unsupported = this.http.exchange("/api/v1/sessions", HttpMethod.POST,
				new HttpEntity<>("text", headers), JsonNode.class);
		// a client of its own: tests sharing this context may have given the template a
		// token
		ResponseEntity<JsonNode> unauthenticated = new TestRestTemplate()
			.getForEntity(this.http.getRootUri() + "/api/v1/sessions/unrecorded", JsonNode.class);

		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unsupported.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		for (ResponseEntity<JsonNode> response : List.of(invalid, unsupported, unauthenticated)) {
			assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
			assertThat(OpenApiChecks.nonUniform(response.getBody())).as(response.getBody().toString()).isEmpty();
		}
		assertThat(unsupported.getBody().get("type").asString())
			.isEqualTo("https://stepwise.example/problems/unsupported_media_type");
	}

}
