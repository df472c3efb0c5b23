package org.stepwise.platform.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import org.stepwise.platform.security.SecurityProblems;

/**
 * Spring fills a problem's {@code instance} with the request path, which may hold a
 * patient id ({@code /patients/{id}/...}): this replaces the id with {@code {patientId}}
 * in every problem body.
 */
@ControllerAdvice
public class ProblemInstanceAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			String path = (problem.getInstance() != null) ? problem.getInstance().toString()
					: request.getURI().getRawPath();
			problem
				.setInstance(URI.create(SecurityProblems.maskPatients(path).replace("{patientId}", "%7BpatientId%7D")));
		}
		return body;
	}

}
