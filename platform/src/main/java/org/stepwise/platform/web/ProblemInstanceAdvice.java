package org.stepwise.platform.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Spring fills a problem's {@code instance} with the request path, which may hold a
 * patient id ({@code /patients/{id}/...}): this replaces the id with {@code {patientId}}
 * in every problem body.
 */
@ControllerAdvice
public class ProblemInstanceAdvice implements ResponseBodyAdvice<Object> {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	static String instance(ServerHttpRequest request) {
		Object pattern = (request instanceof ServletServerHttpRequest servlet)
				? servlet.getServletRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) : null;
		if (pattern != null) {
			return VARIABLE.matcher(pattern.toString()).replaceAll(":$1");
		}
		// no handler matched: keep only the fixed part of the API path
		String path = request.getURI().getRawPath();
		String[] segments = path.split("/");
		return (segments.length > 3) ? String.join("/", List.of(segments).subList(0, 4)) : path;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			problem.setInstance(URI.create(instance(request)));
		}
		return body;
	}

}
