package org.stepwise.simulator.drive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON POSTs with an {@code Idempotency-Key}, a bearer token when a {@link TokenSource}
 * gives one, and retries (same key, so never a duplicate) on connection failures, 429 and
 * 503.
 */
final class ApiClient {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int ATTEMPTS = 4;

	private final HttpClient http;

	private final TokenSource tokens;

	private final JsonMapper json;

	private final DriverStats stats;

	ApiClient(HttpClient http, TokenSource tokens, JsonMapper json, DriverStats stats) {
		this.http = http;
		this.tokens = tokens;
		this.json = json;
		this.stats = stats;
	}

	/** An answer, or status 0 with the failure when the service never answered. */
	record Answer(int status, String body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

	}

	Answer post(String endpoint, URI uri, Map<String, Object> body, String idempotencyKey) throws InterruptedException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		Answer answer = new Answer(0, "");
		boolean refreshed = false;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				HttpResponse<String> response = this.http.send(request(uri, bytes, idempotencyKey),
						HttpResponse.BodyHandlers.ofString());
				answer = new Answer(response.statusCode(), response.body());
				if (answer.status() == 401 && !refreshed) {
					this.tokens.invalidate();
					refreshed = true;
					attempt--;
					continue;
				}
				if (answer.status() != 429 && answer.status() != 503) {
					break;
				}
			}
			catch (IOException ex) {
				answer = new Answer(0, ex.getClass().getSimpleName());
			}
			Thread.sleep(100L << attempt);
		}
		this.stats.record(endpoint, answer.status(), answer.body());
		return answer;
	}

	/**
	 * The one place a request is built: headers for JSON, idempotency and the bearer
	 * token.
	 */
	private HttpRequest request(URI uri, byte[] body, String idempotencyKey) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		Optional<String> token = this.tokens.token();
		token.ifPresent((t) -> builder.header("Authorization", "Bearer " + t));
		return builder.build();
	}

	String field(Answer answer, String name) {
		return this.json.readTree(answer.body()).path(name).asString();
	}

}
