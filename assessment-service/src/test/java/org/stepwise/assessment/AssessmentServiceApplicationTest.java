package org.stepwise.assessment;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts on the real broker and database and serves health, metrics and its
 * OpenAPI document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AssessmentServiceApplicationTest {

	@Autowired
	TestRestTemplate http;

	@Test
	void servesHealthGroupsMetricsAndOpenApi() {
		assertThat(this.http.getForObject("/actuator/health/readiness", JsonNode.class).get("status").asString())
			.isEqualTo("UP");
		assertThat(this.http.getForObject("/actuator/health/liveness", JsonNode.class).get("status").asString())
			.isEqualTo("UP");
		assertThat(this.http.getForObject("/actuator/prometheus", String.class))
			.contains("application=\"assessment-service\"");
		assertThat(this.http.getForObject("/v3/api-docs", JsonNode.class).get("openapi").asString()).startsWith("3.");
		assertThat(this.http.getForObject("/actuator/info", JsonNode.class).get("build").get("artifact").asString())
			.isEqualTo("assessment-service");
	}

}
