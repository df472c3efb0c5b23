package org.stepwise.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

import org.stepwise.platform.audit.AuditLog;

/**
 * The safety net of "every refusal is audited": a request that names a patient and was
 * answered 401, 403 or 404 without an audit record (e.g. a 404 for a record that does not
 * exist) gets one, as denied. Refusals by the security filters are audited by
 * {@link ProblemAuthenticationEntryPoint} and {@link ProblemAccessDeniedHandler}.
 */
class RefusalAudit implements HandlerInterceptor {

	private final AuditLog audit;

	RefusalAudit(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		int status = response.getStatus();
		boolean refused = status == 401 || status == 403 || status == 404;
		String patient = SecurityProblems.namedPatient(request);
		if (!refused || patient == null || AuditLog.isAudited(request)
				|| !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken)) {
			return;
		}
		Caller caller = Caller.current();
		this.audit.denied(caller, SecurityProblems.action(request), SecurityProblems.programOf(request, caller),
				patient);
	}

}
