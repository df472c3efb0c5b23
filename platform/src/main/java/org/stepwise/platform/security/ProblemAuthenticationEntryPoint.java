package org.stepwise.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

import org.stepwise.platform.audit.AuditLog;

/**
 * 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) and a problem body: no token, or
 * one that is expired, forged or from another issuer. The reason the token failed stays
 * out of the body. A request that names a patient is audited as denied to
 * {@link Caller#anonymous()} (the audit record is the only place the id goes: nothing is
 * logged).
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final AuditLog audit;

	public ProblemAuthenticationEntryPoint(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String patient = SecurityProblems.namedPatient(request);
		if (patient != null) {
			this.audit.denied(Caller.anonymous(), SecurityProblems.action(request),
					SecurityProblems.programOf(request, null), patient);
		}
		boolean invalidToken = authException instanceof InvalidBearerTokenException
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"stepwise\"");
		SecurityProblems.write(response, HttpStatus.UNAUTHORIZED, invalidToken ? "invalid_token" : "unauthorized",
				invalidToken ? "The bearer token is not valid" : "A bearer token is required");
	}

}
