package org.stepwise.platform.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Puts each request body's example into the OpenAPI document, from the service's
 * {@value #LOCATION}: an object of {@code "METHOD /path"} to the example body, kept as
 * plain JSON next to the service's other resources so it reads (and is tested) as what a
 * client sends.
 */
public class RequestExamples implements OpenApiCustomizer {

	static final String LOCATION = "openapi/request-examples.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> examples;

	RequestExamples(Map<String, Object> examples) {
		this.examples = examples;
	}

	/** The service's examples, none if it has no file. */
	static RequestExamples fromClasspath() {
		Resource resource = new ClassPathResource(LOCATION);
		Map<String, Object> examples = new LinkedHashMap<>();
		if (resource.exists()) {
			try (InputStream in = resource.getInputStream()) {
				JsonNode all = JSON.readTree(in);
				all.properties()
					.forEach((entry) -> examples.put(entry.getKey(), JSON.treeToValue(entry.getValue(), Object.class)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new RequestExamples(examples);
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			Object example = this.examples.get(method.name().toUpperCase(Locale.ROOT) + " " + path);
			if (example != null && operation.getRequestBody() != null
					&& operation.getRequestBody().getContent() != null) {
				MediaType json = operation.getRequestBody()
					.getContent()
					.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
				if (json != null) {
					json.setExample(example);
				}
			}
		}));
	}

}
