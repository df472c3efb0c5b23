package org.stepwise.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.infra.MongoWireServer;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store goes away under a running service: a write answers 503 with Retry-After and a
 * problem document (the client may retry), not a 500, and names no patient.
 */
@SpringBootTest(classes = OperationsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=store-outage-test", "spring.mongodb.database=operations-test" })
@ContextConfiguration(initializers = StoreOutageTest.OwnStore.class)
class StoreOutageTest {

	/** This test's own store, so it can stop it. */
	static final MongoWireServer store = MongoWireServer.inMemory(0);

	static final String PATIENT = "patient-outage-" + System.nanoTime();

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stopStore() {
		store.close();
	}

	@Test
	void aWriteWhileTheStoreIsDownIsA503WithRetryAfterAndNoPatientId() throws Exception {
		assertThat(write().statusCode()).isEqualTo(201);

		store.close();
		HttpResponse<String> refused = write();

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue(HttpHeaders.RETRY_AFTER))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(refused.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":503").doesNotContain(PATIENT);
	}

	private HttpResponse<String> write() throws IOException, InterruptedException {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/patients/" + PATIENT + "/notes"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.operator("program-a"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"slept badly\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static class OwnStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			new InfrastructureInitializer().initialize(context);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("own-store", Map.of("spring.mongodb.uri", store.connectionString())));
		}

	}

}
