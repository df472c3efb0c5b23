package org.stepwise.simulator.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way the report reads a service: a JSON GET against the service's base URL, with
 * the bearer token when there is one. What the answer means is the caller's.
 */
final class ServiceReader {

	private final HttpClient http;

	private final URI base;

	ServiceReader(HttpClient http, URI base) {
		this.http = http;
		this.base = base;
	}

	HttpResponse<String> get(String pathAndQuery, Optional<String> bearerToken)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		bearerToken.ifPresent((t) -> request.header("Authorization", "Bearer " + t));
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
