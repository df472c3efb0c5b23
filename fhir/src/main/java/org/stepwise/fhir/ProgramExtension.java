package org.stepwise.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifiers;

/**
 * The Stepwise program a resource belongs to, as the extension {@value #URL}
 * ({@code valueString}): R4 has no element for it. Every service reads and writes it
 * alike. Pure.
 */
public final class ProgramExtension {

	public static final String URL = "https://stepwise.example/fhir/StructureDefinition/program";

	private ProgramExtension() {
	}

	public static Extension of(String programId) {
		return new Extension(URL, new StringType(programId));
	}

	/** The extension as FHIRPath below {@code base}. */
	public static String expression(String base) {
		return base + ".extension('" + URL + "')";
	}

	/**
	 * The program from the extension, else the token's only program; null with the issue
	 * added when neither names a valid one.
	 * @param whose what the program is of, for the issue ("the patient's program")
	 */
	public static @Nullable String read(DomainResource resource, String base, Optional<String> tokenProgram,
			String whose, List<FhirIssue> issues) {
		Extension extension = resource.getExtensionByUrl(URL);
		String expression = expression(base);
		if (extension == null) {
			if (tokenProgram.isEmpty()) {
				issues.add(FhirIssue.required(expression,
						"is required when the token names more than one program: " + whose));
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

}
