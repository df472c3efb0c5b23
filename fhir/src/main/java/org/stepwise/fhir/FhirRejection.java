package org.stepwise.fhir;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A FHIR request refused with an {@code OperationOutcome} listing its issues; nothing was
 * stored. The message is generic: no submitted value appears in it.
 *
 * @param reason a short, bounded code for the rejection metric, as for the JSON API's
 * problems
 */
public class FhirRejection extends RuntimeException {

	private final HttpStatus status;

	private final String reason;

	private final List<FhirIssue> issues;

	public FhirRejection(HttpStatus status, String reason, List<FhirIssue> issues) {
		super("FHIR request rejected: " + reason);
		this.status = status;
		this.reason = reason;
		this.issues = List.copyOf(issues);
	}

	/** Content that cannot be processed (422), with every issue found. */
	public static FhirRejection unprocessable(List<FhirIssue> issues) {
		return new FhirRejection(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_resource", issues);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String reason() {
		return this.reason;
	}

	public List<FhirIssue> issues() {
		return this.issues;
	}

}
