package org.stepwise.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens from the local stack's identity provider by client credentials, the way the
 * walkthrough in docs/api-and-events.md gets them (every demo account is also a client).
 */
final class StackTokens {

	private static final JsonMapper json = JsonMapper.builder().build();

	private StackTokens() {
	}

	static String clientCredentials(HttpClient http, int idpPort, String client, String secret) throws Exception {
		return clientCredentials(http, idpPort, client, secret, null);
	}

	/** With the OAuth scope asked for (null: none). */
	static String clientCredentials(HttpClient http, int idpPort, String client, String secret, String scope)
			throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + idpPort + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=client_credentials" + ((scope == null) ? "" : "&scope=" + scope)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("access_token").asString();
	}

}
