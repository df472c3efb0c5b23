package org.stepwise.platform.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import org.stepwise.contracts.Identifiers;

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

	private static final Pattern PROGRAM_SEGMENT = Pattern.compile("/programs/([^/]+)");

	/** As Spring MVC writes problems: properties inline, no field that has no value. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

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

	/**
	 * The patient a request names: in its path (see {@link #maskPatients}) or its
	 * {@code patientId} parameter; none unless it is a valid identifier (a refused id is
	 * not worth an audit record that repeats it).
	 */
	public static @Nullable String namedPatient(HttpServletRequest request) {
		Matcher matcher = PATIENT_SEGMENT.matcher(request.getRequestURI());
		String patient = matcher.find() ? matcher.group(2) : request.getParameter("patientId");
		return Identifiers.isValid(patient) ? patient : null;
	}

	/**
	 * The program a refusal is recorded under, so the program's admins find it: the one
	 * the request names ({@code programId} parameter, {@code /programs/{id}}), else the
	 * caller's when the token has exactly one, else none.
	 */
	public static @Nullable String programOf(HttpServletRequest request, @Nullable Caller caller) {
		Matcher matcher = PROGRAM_SEGMENT.matcher(request.getRequestURI());
		String named = matcher.find() ? matcher.group(1) : request.getParameter("programId");
		if (Identifiers.isValid(named)) {
			return named;
		}
		return (caller != null && caller.programs().size() == 1) ? caller.programs().iterator().next() : null;
	}

	/**
	 * The audit action of a request refused before a controller: method and masked path.
	 */
	public static String action(HttpServletRequest request) {
		return "http." + request.getMethod().toLowerCase(Locale.ROOT) + " " + maskedPath(request);
	}

}
