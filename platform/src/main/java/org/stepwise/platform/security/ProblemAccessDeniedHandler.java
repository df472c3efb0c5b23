package org.stepwise.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.AccessDeniedHandler;

import org.stepwise.platform.audit.AuditLog;

/**
 * 403 for an authenticated caller whose roles do not allow the endpoint, audited as a
 * denial with the patient the request names, if any, under the program of
 * {@link SecurityProblems#programOf}.
 */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final AuditLog audit;

	public ProblemAccessDeniedHandler(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
			Caller caller = Caller.current();
			this.audit.denied(caller, SecurityProblems.action(request), SecurityProblems.programOf(request, caller),
					SecurityProblems.namedPatient(request));
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
		SecurityProblems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this request");
	}

}
