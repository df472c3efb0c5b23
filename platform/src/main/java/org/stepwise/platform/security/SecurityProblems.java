package org.stepwise.platform.security;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * 401 and 403 as RFC 9457 problem details, written by the security filters (before any
 * controller advice can run). No request path, token or patient id in the body.
 */
public final class SecurityProblems {

	private static final String TYPE_BASE = "https://stepwise.example/problems/";

	/**
	 * Path segments that name a patient: {@code /patients/{id}}, {@code /roster/{id}},
	 * {@code /attendance/{id}}.
	 */
	private static final Pattern PATIENT_SEGMENT = Pattern
		.compile("/(patients|roster|attendance)/(?!summary\\b)([^/]+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SecurityProblems() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String reason, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + reason));
		problem.setTitle(status.getReasonPhrase());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * The request path with patient ids replaced by {@code {patientId}}, for audit
	 * actions and log lines.
	 */
	public static String maskedPath(HttpServletRequest request) {
		return maskPatients(request.getRequestURI());
	}

	public static String maskPatients(String path) {
		return PATIENT_SEGMENT.matcher(path).replaceAll("/$1/{patientId}");
	}

	/** The patient id in a path, if any (see {@link #maskPatients}). */
	public static @Nullable String patientInPath(HttpServletRequest request) {
		Matcher matcher = PATIENT_SEGMENT.matcher(request.getRequestURI());
		return matcher.find() ? matcher.group(2) : null;
	}

}
