package org.stepwise.fhir;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.stepwise.platform.web.RequestRejectedException;

/**
 * What the FHIR endpoints refuse is answered as an {@code OperationOutcome} (FHIR clients
 * read those), with the same status the JSON API would give and the same rejection
 * metric; 401 and 403 come from the shared security chain as problem details, before any
 * FHIR code runs.
 */
@RestControllerAdvice(annotations = FhirApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirErrors {

	private final MeterRegistry meters;

	FhirErrors(MeterRegistry meters) {
		this.meters = meters;
	}

	@ExceptionHandler(FhirRejection.class)
	ResponseEntity<String> rejected(FhirRejection ex) {
		return outcome(ex.status(), ex.reason(), ex.issues());
	}

	/**
	 * A rule of the shared code (404 not visible, 422 key reused, ...), no element to
	 * name.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<String> rejected(RequestRejectedException ex) {
		String code = switch (ex.status()) {
			case NOT_FOUND -> "not-found";
			case CONFLICT -> "conflict";
			default -> "processing";
		};
		return outcome(ex.status(), ex.reason(), List.of(new FhirIssue(code, "", ex.getMessage())));
	}

	private ResponseEntity<String> outcome(HttpStatus status, String reason, List<FhirIssue> issues) {
		Counter.builder("stepwise.http.rejected")
			.description("Requests rejected with a problem response, by reason")
			.tag("reason", reason)
			.register(this.meters)
			.increment();
		return FhirResponses.of(status, OperationOutcomes.of(issues));
	}

}
