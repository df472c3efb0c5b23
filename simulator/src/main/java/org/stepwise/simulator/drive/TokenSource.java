package org.stepwise.simulator.drive;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the bearer token of every request comes from: nowhere (an unsecured stack), or an
 * OAuth2 client-credentials grant.
 */
public interface TokenSource {

	TokenSource NONE = new TokenSource() {

		@Override
		public Optional<String> token() {
			return Optional.empty();
		}

		@Override
		public void invalidate() {
		}

	};

	/** The token to send, fetching a fresh one when needed. */
	Optional<String> token() throws IOException, InterruptedException;

	/** Forget the current token (the server answered 401). */
	void invalidate();

	/**
	 * Client credentials against {@code tokenUrl} (HTTP Basic client authentication),
	 * cached until 30 s before it expires.
	 */
	static TokenSource clientCredentials(HttpClient http, URI tokenUrl, String clientId, String clientSecret,
			Clock clock) {
		return new ClientCredentials(http, tokenUrl, clientId, clientSecret, clock);
	}

	final class ClientCredentials implements TokenSource {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final HttpClient http;

		private final URI tokenUrl;

		private final String basic;

		private final Clock clock;

		private String token;

		private Instant expiresAt = Instant.MIN;

		ClientCredentials(HttpClient http, URI tokenUrl, String clientId, String clientSecret, Clock clock) {
			this.http = http;
			this.tokenUrl = tokenUrl;
			this.basic = "Basic "
					+ Base64.getEncoder()
						.encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
								+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
							.getBytes(StandardCharsets.UTF_8));
			this.clock = clock;
		}

		@Override
		public synchronized Optional<String> token() throws IOException, InterruptedException {
			if (this.token == null || !this.clock.instant().isBefore(this.expiresAt)) {
				HttpRequest request = HttpRequest.newBuilder(this.tokenUrl)
					.timeout(Duration.ofSeconds(10))
					.header("Authorization", this.basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IOException("Token endpoint answered " + response.statusCode());
				}
				JsonNode body = JSON.readTree(response.body());
				this.token = body.path("access_token").asString();
				long seconds = body.path("expires_in").asLong(300);
				this.expiresAt = this.clock.instant().plusSeconds(Math.max(0, seconds - 30));
			}
			return Optional.of(this.token);
		}

		@Override
		public synchronized void invalidate() {
			this.token = null;
		}

	}

}
