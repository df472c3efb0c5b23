package org.stepwise.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.stepwise.platform.security.SecurityProblems;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * RFC 9457 problem details for every rejected request, with the invalid fields under
 * {@code errors}. Messages are generic: no stack traces, no echo of submitted values
 * (they may be patient data).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final String TYPE_BASE = "https://stepwise.example/problems/";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** About the store's server selection timeout: a retry sooner would wait as long. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final MeterRegistry meters;

	public ProblemDetailsAdvice(MeterRegistry meters) {
		this.meters = meters;
	}

	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setType(URI.create(TYPE_BASE + ex.reason()));
		problem.setTitle(ex.status().getReasonPhrase());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		countRejection(ex.reason());
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldProblem(error.getField(), error.getDefaultMessage()))
			.toList();
		return badRequest("invalid_fields", "Invalid request", "The request has invalid fields", errors);
	}

	/**
	 * Invalid query parameters or path variables ({@code limit=-1}), named in
	 * {@code errors}.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(String.valueOf(result.getMethodParameter().getParameterName()),
						error.getDefaultMessage())))
			.toList();
		return badRequest("invalid_fields", "Invalid request", "The request has invalid parameters", errors);
	}

	/**
	 * A query string Tomcat cannot decode (e.g. a lone surrogate's bytes): 400, not 500.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameters() {
		return badRequest("invalid_parameters", "Invalid request", "The query parameters are not valid UTF-8", null);
	}

	/**
	 * A parameter that does not convert ({@code limit=abc}): named, its value not echoed
	 * (Spring's detail would quote it, and it may be a patient id).
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return badRequest("invalid_parameters", "Invalid request", "The request has invalid parameters",
				List.of(new FieldProblem(name, "has the wrong type")));
	}

	/**
	 * What Spring MVC answers itself (405, 406, 415, a missing parameter, no such
	 * resource) gets a type of its own, like every other Stepwise problem, instead of
	 * {@code about:blank}.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			String reason = reasonOf(statusCode);
			problem.setType(URI.create(TYPE_BASE + reason));
			countRejection(reason);
		}
		return response;
	}

	/** The problem code of a status Spring MVC answers on its own. */
	static String reasonOf(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid_request";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 406 -> "not_acceptable";
			case 413 -> "content_too_large";
			case 415 -> "unsupported_media_type";
			case 503 -> "unavailable";
			default -> (status.is5xxServerError()) ? "internal_error" : "http_" + status.value();
		};
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest("unreadable_body", "Unreadable request",
				"The request body is not valid JSON for this endpoint", unreadableField(ex).map(List::of).orElse(null));
	}

	/**
	 * A 400 problem of type {@code reason}, counted by it, with the fields named in
	 * {@code errors} when given.
	 */
	private ResponseEntity<Object> badRequest(String reason, String title, String detail,
			@Nullable List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create(TYPE_BASE + reason));
		problem.setTitle(title);
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		countRejection(reason);
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * The field a well-formed body could not be read into (a number that is not whole, a
	 * constant that is not one of the accepted ones), named by its path and, for an enum,
	 * the accepted values; never the submitted value. Map keys are left out of the path:
	 * a client chose them.
	 */
	static java.util.Optional<FieldProblem> unreadableField(HttpMessageNotReadableException ex) {
		if (!(ex.getCause() instanceof MismatchedInputException mismatch) || mismatch.getPath().isEmpty()) {
			return java.util.Optional.empty();
		}
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : mismatch.getPath()) {
			if (reference.from() instanceof java.util.Map<?, ?>) {
				path.append("{}");
			}
			else if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		Class<?> target = mismatch.getTargetType();
		String message = (target != null && target.isEnum())
				? "must be one of " + java.util.Arrays.stream(target.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name())
					.collect(java.util.stream.Collectors.joining(", "))
				: "has the wrong type";
		return java.util.Optional.of(new FieldProblem(path.toString(), message));
	}

	/**
	 * The store (or a connection to it) is unavailable: the request did nothing durable
	 * and may be retried, so 503 with Retry-After rather than a 500. Requests never wait
	 * on the broker (events leave through the outbox), so only the store counts here.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			MongoSocketException.class, MongoTimeoutException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex, HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		log.warn("Store unavailable ({}) on {} {}", ex.getClass().getSimpleName(), request.getMethod(),
				(pattern != null) ? pattern : SecurityProblems.maskedPath(request));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service cannot reach its store; retry later");
		problem.setType(URI.create(TYPE_BASE + "store_unavailable"));
		problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
		countRejection("store_unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
			.body(problem);
	}

	/**
	 * The record kept changing under the request (more concurrent writers to one patient
	 * than the in-process retries absorb): nothing was written, so 409 with Retry-After;
	 * a retry with the same Idempotency-Key is safe.
	 */
	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> conflict() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The record changed concurrently and the request was not applied; retry it");
		problem.setType(URI.create(TYPE_BASE + "concurrent_update"));
		problem.setTitle(HttpStatus.CONFLICT.getReasonPhrase());
		countRejection("concurrent_update");
		return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	/**
	 * Anything unexpected: a generic 500 without the exception's message or stack trace
	 * (they may hold patient data); the log line names only the exception type and the
	 * path with patient ids masked.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			// e.g. wrapped by a transaction or a retry template on its way here
			if (cause instanceof DataAccessResourceFailureException || cause instanceof MongoSocketException
					|| cause instanceof MongoTimeoutException) {
				return unavailable((Exception) cause, request);
			}
		}
		StackTraceElement[] trace = ex.getStackTrace();
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		log.error("Unexpected {} at {} on {} {}", ex.getClass().getName(), (trace.length > 0) ? trace[0] : "?",
				request.getMethod(), (pattern != null) ? pattern : SecurityProblems.maskedPath(request));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed");
		problem.setType(URI.create(TYPE_BASE + "internal_error"));
		problem.setTitle(HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase());
		countRejection("internal_error");
		return ResponseEntity.internalServerError().body(problem);
	}

	private void countRejection(String reason) {
		rejections(this.meters, reason).increment();
	}

	/**
	 * The counter of requests rejected for a reason: one definition for every rejecter.
	 */
	static Counter rejections(MeterRegistry meters, String reason) {
		return Counter.builder("stepwise.http.rejected")
			.description("Requests rejected with a problem response, by reason")
			.tag("reason", reason)
			.register(meters);
	}

}
