package org.stepwise.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What every Stepwise service's OpenAPI document says (issue 18): a title that says what
 * the service does, a description, the build's version, tags by feature with their
 * description, a summary and a tag on every operation, an example for every request body,
 * and every error response as an {@code application/problem+json} Problem. Each check
 * returns every shortcoming it finds, so one run names them all: a test asserts the list
 * is empty.
 */
public final class OpenApiChecks {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	/**
	 * A bare service name ("Stepwise attendance-service") says nothing of what it does.
	 */
	private static final Pattern BARE_NAME = Pattern.compile("(?i)(stepwise\\s+)?[a-z]+-service(\\s+api)?");

	private OpenApiChecks() {
	}

	/**
	 * @param document the service's {@code /v3/api-docs}
	 * @param buildVersion the version build-info gives ({@code /actuator/info})
	 */
	public static List<String> undocumented(JsonNode document, String buildVersion) {
		List<String> missing = new ArrayList<>();
		JsonNode info = document.path("info");
		String title = info.path("title").asString("");
		if (BARE_NAME.matcher(title).matches() || !title.contains("Stepwise") || title.split("\\s+").length < 4) {
			missing.add("a title that says what the service does, not \"" + title + "\"");
		}
		if (info.path("description").asString("").length() < 80) {
			missing.add("a description of the service");
		}
		if (!buildVersion.equals(info.path("version").asString(""))) {
			missing.add("version " + buildVersion + " from build-info, not " + info.path("version"));
		}
		Set<String> declaredTags = new HashSet<>();
		for (JsonNode tag : document.path("tags")) {
			declaredTags.add(tag.path("name").asString());
			if (tag.path("description").asString("").isBlank()) {
				missing.add("tag " + tag.path("name").asString() + ": description");
			}
		}
		operations(document).forEach((name, operation) -> {
			if (operation.path("summary").asString("").isBlank()) {
				missing.add(name + ": summary");
			}
			if (operation.path("tags").isEmpty()) {
				missing.add(name + ": tag");
			}
			for (JsonNode tag : operation.path("tags")) {
				if (!declaredTags.contains(tag.asString())) {
					missing.add(name + ": tag " + tag.asString() + " declared with a description");
				}
			}
			JsonNode body = operation.path("requestBody").path("content").path("application/json");
			if (!operation.path("requestBody").isMissingNode() && body.path("example").isMissingNode()
					&& body.path("examples").isEmpty()) {
				missing.add(name + ": request body example");
			}
			for (String status : List.of("400", "401", "403")) {
				if (operation.path("responses").path(status).isMissingNode()) {
					missing.add(name + ": response " + status);
				}
			}
			operation.path("responses").properties().forEach((response) -> {
				if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
					JsonNode content = response.getValue().path("content");
					String schema = content.path("application/problem+json").path("schema").path("$ref").asString("");
					if (!schema.endsWith("/Problem") || content.size() != 1) {
						missing
							.add(name + ": response " + response.getKey() + " as an application/problem+json Problem");
					}
				}
			});
		});
		JsonNode problem = document.path("components").path("schemas").path("Problem");
		for (String property : List.of("type", "title", "status", "detail", "instance", "errors")) {
			if (problem.path("properties").path(property).isMissingNode()) {
				missing.add("Problem schema: property " + property);
			}
		}
		return missing;
	}

	/**
	 * What makes a problem body unlike every other Stepwise problem: a {@code type} that
	 * is not a Stepwise problem URI ({@code about:blank} or none), no title or status, or
	 * a field that is null.
	 */
	public static List<String> nonUniform(JsonNode problem) {
		List<String> faults = new ArrayList<>();
		if (!problem.path("type").asString("").startsWith("https://stepwise.example/problems/")) {
			faults.add("type " + problem.path("type"));
		}
		if (problem.path("title").asString("").isBlank()) {
			faults.add("no title");
		}
		if (!problem.path("status").isInt()) {
			faults.add("no status");
		}
		collectNulls(problem, "", faults);
		return faults;
	}

	/** Every operation by {@code "METHOD path"}. */
	public static Map<String, JsonNode> operations(JsonNode document) {
		Map<String, JsonNode> operations = new TreeMap<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			if (METHODS.contains(method.getKey())) {
				operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), method.getValue());
			}
		}));
		return operations;
	}

	private static void collectNulls(JsonNode node, String path, List<String> faults) {
		if (node.isNull()) {
			faults.add("null " + path);
		}
		else if (node.isObject()) {
			node.properties().forEach((entry) -> collectNulls(entry.getValue(), path + "/" + entry.getKey(), faults));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectNulls(node.get(i), path + "/" + i, faults);
			}
		}
	}

}
