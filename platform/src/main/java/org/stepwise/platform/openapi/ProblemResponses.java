package org.stepwise.platform.openapi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.stepwise.platform.web.Idempotency;

/**
 * Documents the problems every Stepwise API answers, as they are on the wire: each error
 * response is {@code application/problem+json} with the {@code Problem} schema (RFC 9457,
 * plus {@code errors} naming invalid fields). Every operation can answer 400 (malformed
 * or invalid input), 401, 403 and 503 (store unavailable); a write can also answer 409
 * (concurrent change) and, when it takes an Idempotency-Key, 422 (the key reused with a
 * different body). Responses an operation declares itself (404, 409, 422 with its own
 * description) keep their description and get the same body.
 */
public class ProblemResponses implements OpenApiCustomizer {

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

	private static final Map<String, String> EVERY_OPERATION = Map.of("400",
			"Malformed or invalid input: the fields or parameters at fault are named in errors", "401",
			"No valid bearer token", "403", "The caller's role does not allow this request", "503",
			"The store is unavailable: nothing was done, retry after Retry-After");

	private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
			PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.components(new Components());
		}
		openApi.getComponents().addSchemas("Problem", problemSchema());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (path.startsWith("/api/")) {
				document(method, operation);
			}
		}));
	}

	private static void document(PathItem.HttpMethod method, Operation operation) {
		if (operation.getResponses() == null) {
			operation.responses(new ApiResponses());
		}
		ApiResponses responses = operation.getResponses();
		EVERY_OPERATION.forEach(
				(status, description) -> responses.putIfAbsent(status, new ApiResponse().description(description)));
		if (WRITES.contains(method)) {
			responses.putIfAbsent("409",
					new ApiResponse().description("The record changed concurrently: nothing was applied, retry "
							+ "(with the same Idempotency-Key) after Retry-After"));
			if (takesIdempotencyKey(operation)) {
				responses.putIfAbsent("422",
						new ApiResponse().description("The Idempotency-Key was used before with a different request"));
			}
		}
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				response.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
			}
		});
	}

	private static boolean takesIdempotencyKey(Operation operation) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn())
					&& Idempotency.HEADER.equalsIgnoreCase(parameter.getName()));
	}

	/** RFC 9457 problem details as {@code ProblemDetailsAdvice} writes them. */
	static Schema<?> problemSchema() {
		Schema<?> fieldProblem = new ObjectSchema()
			.addProperty("field", new StringSchema().description("The field or parameter, as a JSON path"))
			.addProperty("message", new StringSchema().description("What is wrong with it; never the value sent"))
			.required(List.of("field", "message"));
		return new ObjectSchema().description("RFC 9457 problem details; fields without a value are left out")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("Names the problem: one stable URI per problem code")
						.example("https://stepwise.example/problems/invalid_fields"))
			.addProperty("title", new StringSchema().example("Invalid request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("The request has invalid fields"))
			.addProperty("instance",
					new StringSchema().format("uri-reference")
						.description("The endpoint, patient ids replaced by their name")
						.example("/api/v1/sessions"))
			.addProperty("errors",
					new ArraySchema().items(fieldProblem).description("The invalid fields, when the problem has any"))
			.required(List.of("type", "title", "status"));
	}

}
