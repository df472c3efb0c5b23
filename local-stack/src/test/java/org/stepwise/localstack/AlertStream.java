package org.stepwise.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program's live alert stream (server-sent events) on one alert-service instance, read
 * in the background: {@link #alerts()} holds every alert it has sent so far.
 */
final class AlertStream implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

	private final HttpResponse<Stream<String>> response;

	private final Thread reader;

	private AlertStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = Thread.ofVirtual().start(() -> {
			try {
				response.body()
					.filter((line) -> line.startsWith("data:"))
					.forEach((line) -> this.alerts.add(JSON.readTree(line.substring("data:".length()))));
			}
			catch (UncheckedIOException ex) {
				// closed at the end of the test
			}
		});
	}

	/** Opens the stream of the program as the token's holder; it must answer 200. */
	static AlertStream open(String alertService, String programId, String token)
			throws IOException, InterruptedException {
		HttpResponse<Stream<String>> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(alertService + "/api/v1/alerts/stream?programId=" + programId))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		return new AlertStream(response);
	}

	/** The alerts streamed so far, oldest first (a live view). */
	List<JsonNode> alerts() {
		return this.alerts;
	}

	@Override
	public void close() {
		this.response.body().close();
		this.reader.interrupt();
	}

}
