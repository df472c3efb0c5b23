package org.stepwise.attendance.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifiers;
import org.stepwise.fhir.FhirIssue;

/** Elements the attendance resources read alike. Pure. */
final class FhirElements {

	private FhirElements() {
	}

	static String programExpression(String base) {
		return base + ".extension('" + AttendanceCodes.PROGRAM_EXTENSION + "')";
	}

	/**
	 * The program from the extension, else the token's only program (as
	 * assessment-service's resources).
	 */
	static @Nullable String program(DomainResource resource, String base, Optional<String> tokenProgram,
			List<FhirIssue> issues) {
		Extension extension = resource.getExtensionByUrl(AttendanceCodes.PROGRAM_EXTENSION);
		String expression = programExpression(base);
		if (extension == null) {
			if (tokenProgram.isEmpty()) {
				issues.add(FhirIssue.required(expression,
						"is required when the token names more than one program: the session's program"));
			}
			return tokenProgram.orElse(null);
		}
		if (!(extension.getValue() instanceof StringType value) || value.getValue() == null
				|| !Identifiers.isValid(value.getValue())) {
			issues.add(FhirIssue.value(expression + ".value",
					"must be a string (valueString or valueCode) matching " + Identifiers.PATTERN));
			return null;
		}
		return value.getValue();
	}

	/**
	 * The id in a relative reference {@code <type>/<id>}, or null with the issue added.
	 */
	static @Nullable String referenced(@Nullable String reference, String type, String expression, String what,
			List<FhirIssue> issues) {
		if (reference == null || reference.isBlank()) {
			issues.add(FhirIssue.required(expression, "is required: " + what));
			return null;
		}
		String id = reference.startsWith(type + "/") ? reference.substring(type.length() + 1) : null;
		if (id == null || id.isEmpty() || id.contains("/")) {
			issues.add(FhirIssue.value(expression, "must be " + type + "/<id>: " + what));
			return null;
		}
		return id;
	}

}
