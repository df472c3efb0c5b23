package org.stepwise.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import org.stepwise.contracts.Identifiers;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Every id in a request's path variables and query parameters ({@code {patientId}},
 * {@code ?programId=}, {@code {id}}: any name that is {@code id} or ends in {@code Id})
 * must match {@link Identifiers#PATTERN}, before a controller, a store or an audit record
 * sees it: 400 otherwise, naming the parameter, never its value. Bodies are checked by
 * {@link Identifier}.
 */
public class IdentifierCheck implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		List<FieldProblem> problems = new ArrayList<>();
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
			variables.forEach((name, value) -> check(name.toString(), value.toString(), problems));
		}
		request.getParameterMap().forEach((name, values) -> {
			for (String value : values) {
				check(name, value, problems);
			}
		});
		if (!problems.isEmpty()) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_identifier",
					"The request has an invalid identifier", problems);
		}
		return true;
	}

	private static void check(String name, String value, List<FieldProblem> problems) {
		if (isIdentifierName(name) && !Identifiers.isValid(value)) {
			problems.add(new FieldProblem(name, Identifier.MESSAGE));
		}
	}

	static boolean isIdentifierName(String name) {
		return name.equals("id") || name.endsWith("Id");
	}

}
