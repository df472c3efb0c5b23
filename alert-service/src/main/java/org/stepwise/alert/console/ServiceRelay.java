package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import org.stepwise.platform.web.RequestRejectedException;

/**
 * The console's way to another service's API: the same request, sent with the signed-in
 * user's own access token, so that service decides who may read or decide and audits it,
 * exactly as for a direct call. Its answer comes back as it is, problems included; a JSON
 * success may be worded for the console first.
 */
final class ServiceRelay {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient service;

	private final String name;

	private final JsonMapper json;

	/**
	 * @param name the service in the words of the problem when it does not answer ("plan
	 * service")
	 */
	ServiceRelay(String baseUrl, String name, JsonMapper json) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.service = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
		this.name = name;
		this.json = json;
	}

	ResponseEntity<?> get(String path, Decoration decoration, Object... uriVariables) {
		return answer(() -> this.service.get()
			.uri(path, uriVariables)
			.header(HttpHeaders.AUTHORIZATION, bearer())
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> relay(response, decoration)));
	}

	ResponseEntity<?> post(String path, String id, @Nullable JsonNode body, @Nullable String idempotencyKey,
			Decoration decoration) {
		return answer(() -> {
			RestClient.RequestBodySpec request = this.service.post()
				.uri(path, id)
				.header(HttpHeaders.AUTHORIZATION, bearer())
				.accept(MediaType.APPLICATION_JSON);
			if (idempotencyKey != null) {
				request.header(IDEMPOTENCY_KEY, idempotencyKey);
			}
			if (body != null && !body.isNull()) {
				request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(body));
			}
			return request.exchange((sent, response) -> relay(response, decoration));
		});
	}

	/**
	 * The service's status and body; a JSON success worded, anything else (problems
	 * included) as it came.
	 */
	private ResponseEntity<?> relay(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response,
			Decoration decoration) throws IOException {
		byte[] bytes = response.getBody().readAllBytes();
		MediaType type = response.getHeaders().getContentType();
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.getStatusCode());
		if (type != null) {
			answer.contentType(type);
		}
		if (response.getStatusCode().is2xxSuccessful() && type != null
				&& MediaType.APPLICATION_JSON.isCompatibleWith(type) && bytes.length > 0) {
			try {
				JsonNode body = this.json.readTree(bytes);
				decoration.apply(body);
				return answer.body(this.json.writeValueAsBytes(body));
			}
			catch (JacksonException ex) {
				return answer.body(bytes);
			}
		}
		return answer.body(bytes);
	}

	private ResponseEntity<?> answer(Call call) {
		try {
			return call.send();
		}
		catch (ResourceAccessException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_GATEWAY, this.name.replace(' ', '_') + "_unavailable",
					"The " + this.name + " did not answer; try again in a moment");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The signed-in user's access token, as the session's request has it. */
	private static String bearer() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return "Bearer " + token.getToken().getTokenValue();
		}
		throw new RequestRejectedException(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in to use the console");
	}

	/** What the console adds to a successful answer (words for codes); may do nothing. */
	@FunctionalInterface
	interface Decoration {

		Decoration NONE = (body) -> {
		};

		void apply(JsonNode body);

	}

	@FunctionalInterface
	private interface Call {

		ResponseEntity<?> send() throws IOException;

	}

}
