package org.stepwise.fhir;

/**
 * One thing wrong with a FHIR request, as an {@code OperationOutcome.issue}: its FHIR
 * issue type, the element it is about (a FHIRPath expression such as
 * {@code QuestionnaireResponse.item[8].answer[0]}) and what is wrong, never the submitted
 * value (it may be patient data).
 *
 * @param code an IssueType code: {@code invalid}, {@code required}, {@code value},
 * {@code not-supported}, {@code not-found}, {@code conflict}, {@code processing}
 */
public record FhirIssue(String code, String expression, String message) {

	public static FhirIssue invalid(String expression, String message) {
		return new FhirIssue("invalid", expression, message);
	}

	public static FhirIssue required(String expression, String message) {
		return new FhirIssue("required", expression, message);
	}

	public static FhirIssue value(String expression, String message) {
		return new FhirIssue("value", expression, message);
	}

	public static FhirIssue notSupported(String expression, String message) {
		return new FhirIssue("not-supported", expression, message);
	}

}
