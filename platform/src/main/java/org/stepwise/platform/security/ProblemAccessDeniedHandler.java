package org.stepwise.platform.security;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import org.stepwise.platform.audit.AuditLog;

/**
 * 403 for an authenticated caller whose roles do not allow the endpoint, audited as a
 * denial (with the patient of a {@code /patients/{id}} path, if any).
 */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final AuditLog audit;

	public ProblemAccessDeniedHandler(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Caller caller = Caller.current();
		String action = "http." + request.getMethod().toLowerCase(Locale.ROOT) + " "
				+ SecurityProblems.maskedPath(request);
		this.audit.denied(caller, action, null, SecurityProblems.patientInPath(request));
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
		SecurityProblems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this request");
	}

}
