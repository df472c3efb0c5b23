package org.stepwise.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request that breaks a domain rule (as opposed to a malformed one). Rendered as RFC
 * 9457 problem details; the detail and field messages must not contain patient data.
 *
 * @param reason a short, bounded code for metrics, e.g. {@code future_session}
 */
public class RequestRejectedException extends RuntimeException {

	private final HttpStatus status;

	private final String reason;

	private final List<FieldProblem> errors;

	public RequestRejectedException(HttpStatus status, String reason, String detail, List<FieldProblem> errors) {
		super(detail);
		this.status = status;
		this.reason = reason;
		this.errors = List.copyOf(errors);
	}

	public RequestRejectedException(HttpStatus status, String reason, String detail) {
		this(status, reason, detail, List.of());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String reason() {
		return this.reason;
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	/**
	 * One invalid field: a JSON path-like name and what is wrong with it (a constraint
	 * without a message says "is invalid", never null).
	 */
	public record FieldProblem(String field, String message) {

		public FieldProblem {
			message = (message != null) ? message : "is invalid";
		}

	}

}
