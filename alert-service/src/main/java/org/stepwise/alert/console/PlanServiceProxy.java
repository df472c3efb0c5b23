package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import org.stepwise.alert.program.Programs;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * The console's way to plan-service (a patient's plan, its history, recommendations and
 * progress; approving and declining a recommendation): the same request, sent with the
 * signed-in user's own access token, so plan-service decides who may read or decide and
 * audits it, exactly as for a direct call. Only these paths; plan-service's answer comes
 * back as it is, problems included, with the codes in its data worded for the console
 * ({@link Wording}: signals, reasons, recommendation kinds) and the program's time zone
 * added to progress.
 */
@RestController
class PlanServiceProxy {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient planService;

	private final JsonMapper json;

	private final Programs programs;

	PlanServiceProxy(@Value("${stepwise.console.plan-service-url:http://127.0.0.1:8083}") String baseUrl,
			JsonMapper json, Programs programs) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.planService = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
		this.json = json;
		this.programs = programs;
	}

	@GetMapping("/console/patients/{patientId}/plan")
	ResponseEntity<?> plan(@PathVariable String patientId) {
		return get("/api/v1/patients/{id}/plan", patientId, (body) -> {
			words(body.path("plan"));
			body.path("pendingRecommendations").forEach(this::recommendationWords);
		});
	}

	@GetMapping("/console/patients/{patientId}/plan/history")
	ResponseEntity<?> history(@PathVariable String patientId) {
		return get("/api/v1/patients/{id}/plan/history", patientId, (body) -> body.forEach(this::words));
	}

	@GetMapping("/console/patients/{patientId}/recommendations")
	ResponseEntity<?> recommendations(@PathVariable String patientId) {
		return get("/api/v1/patients/{id}/recommendations", patientId,
				(body) -> body.forEach(this::recommendationWords));
	}

	@GetMapping("/console/patients/{patientId}/progress")
	ResponseEntity<?> progress(@PathVariable String patientId) {
		return get("/api/v1/patients/{id}/progress", patientId, (body) -> {
			if (body instanceof ObjectNode progress && progress.hasNonNull("programId")) {
				progress.put("zone", Wording.zone(this.programs.zone(progress.get("programId").asString())));
			}
			for (JsonNode signal : body.path("signals")) {
				if (signal instanceof ObjectNode node) {
					node.put("label", Wording.kind(node.path("kind").asString("")));
					node.put("words", Wording.evidence(node.path("evidence").asString("")));
				}
			}
		});
	}

	@PostMapping("/console/recommendations/{recommendationId}/approve")
	ResponseEntity<?> approve(@PathVariable String recommendationId,
			@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return decide("/api/v1/recommendations/{id}/approve", recommendationId, body, idempotencyKey);
	}

	@PostMapping("/console/recommendations/{recommendationId}/decline")
	ResponseEntity<?> decline(@PathVariable String recommendationId,
			@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return decide("/api/v1/recommendations/{id}/decline", recommendationId, body, idempotencyKey);
	}

	private ResponseEntity<?> get(String path, String id, Decoration decoration) {
		return answer(() -> this.planService.get()
			.uri(path, id)
			.header(HttpHeaders.AUTHORIZATION, bearer())
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> relay(response, decoration)));
	}

	private ResponseEntity<?> decide(String path, String id, @Nullable JsonNode body, @Nullable String idempotencyKey) {
		return answer(() -> {
			RestClient.RequestBodySpec request = this.planService.post()
				.uri(path, id)
				.header(HttpHeaders.AUTHORIZATION, bearer())
				.accept(MediaType.APPLICATION_JSON);
			if (idempotencyKey != null) {
				request.header(IDEMPOTENCY_KEY, idempotencyKey);
			}
			if (body != null && !body.isNull()) {
				request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(body));
			}
			return request.exchange((sent, response) -> relay(response, (plan) -> {
				words(plan.path("plan"));
				plan.path("pendingRecommendations").forEach(this::recommendationWords);
			}));
		});
	}

	/**
	 * plan-service's status and body; a JSON success worded, anything else (problems
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

	private static ResponseEntity<?> answer(Call call) {
		try {
			return call.send();
		}
		catch (ResourceAccessException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_GATEWAY, "plan_service_unavailable",
					"The plan service did not answer; try again in a moment");
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

	/** A plan version's reasons in words. */
	private void words(JsonNode version) {
		for (JsonNode reason : version.path("reasons")) {
			if (reason instanceof ObjectNode node) {
				node.put("label", Wording.reason(node.path("code").asString("")));
				node.put("words", Wording.evidence(node.path("evidence").asString("")));
			}
		}
	}

	private void recommendationWords(JsonNode recommendation) {
		if (recommendation instanceof ObjectNode node) {
			node.put("label", Wording.readable(node.path("kind").asString("")));
		}
		words(recommendation);
	}

	@FunctionalInterface
	private interface Decoration {

		void apply(JsonNode body);

	}

	@FunctionalInterface
	private interface Call {

		ResponseEntity<?> send() throws IOException;

	}

}
