package org.stepwise.attendance.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifiers;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.ProgramExtension;

/** Elements the attendance resources read alike. Pure. */
final class FhirElements {

	private FhirElements() {
	}

	static String programExpression(String base) {
		return ProgramExtension.expression(base);
	}

	/** The program from the extension, else the token's only program. */
	static @Nullable String program(DomainResource resource, String base, Optional<String> tokenProgram,
			List<FhirIssue> issues) {
		return ProgramExtension.read(resource, base, tokenProgram, "the session's program", issues);
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
