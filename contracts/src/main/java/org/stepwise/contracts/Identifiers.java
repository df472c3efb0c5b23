package org.stepwise.contracts;

import java.util.regex.Pattern;

/**
 * The one shape of every identifier Stepwise accepts from outside (patient, program,
 * clinician, session ids): ASCII letters and digits, then also {@code .}, {@code _} and
 * {@code -}, 1 to 64 characters. It keeps control characters, bidi overrides, lone
 * surrogates, path separators and other look-alikes out of the stores, the topics' keys,
 * URLs and logs. The APIs, the JSON Schemas of the events and the consumers all check it.
 */
public final class Identifiers {

	/** The pattern as the JSON Schemas and the OpenAPI documents spell it. */
	public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private Identifiers() {
	}

	public static boolean isValid(String id) {
		return id != null && COMPILED.matcher(id).matches();
	}

}
