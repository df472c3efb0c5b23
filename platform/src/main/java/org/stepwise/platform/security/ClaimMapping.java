package org.stepwise.platform.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where an issuer puts the Stepwise claims, and how to read them: each name is a claim of
 * the token, or a dotted path into nested claims as Keycloak puts its realm roles
 * ({@code realm_access.roles}). A whole name is tried first, so namespaced claims that
 * contain dots ({@code https://example.org/programs}) work too. The defaults are the
 * names the bundled identity provider uses ({@link StepwiseClaims}); with them a token is
 * left as it is.
 *
 * @param roles the list of role names ({@code clinician}, {@code program-admin}, ...)
 * @param programs the list of program ids
 * @param clinicianId the clinician id (a string)
 * @param patientId the patient id (a string)
 */
public record ClaimMapping(String roles, String programs, String clinicianId, String patientId) {

	/** The bundled identity provider's names. */
	public static final ClaimMapping STEPWISE = new ClaimMapping(StepwiseClaims.ROLES, StepwiseClaims.PROGRAMS,
			StepwiseClaims.CLINICIAN_ID, StepwiseClaims.PATIENT_ID);

	public ClaimMapping {
		requireName(roles, "roles");
		requireName(programs, "programs");
		requireName(clinicianId, "clinician-id");
		requireName(patientId, "patient-id");
	}

	/** Whether tokens already carry the Stepwise names. */
	public boolean isIdentity() {
		return equals(STEPWISE);
	}

	/**
	 * The claims with the Stepwise names set from where this mapping reads them (lists
	 * for roles and programs, strings for the ids), and left out when the token has no
	 * such claim: a Stepwise name the issuer happens to use for something else never
	 * passes through. Every other claim is kept.
	 */
	public Map<String, Object> toStepwise(Map<String, Object> claims) {
		if (isIdentity()) {
			return claims;
		}
		Map<String, Object> mapped = new LinkedHashMap<>(claims);
		putList(mapped, StepwiseClaims.ROLES, find(claims, this.roles));
		putList(mapped, StepwiseClaims.PROGRAMS, find(claims, this.programs));
		putString(mapped, StepwiseClaims.CLINICIAN_ID, find(claims, this.clinicianId));
		putString(mapped, StepwiseClaims.PATIENT_ID, find(claims, this.patientId));
		return mapped;
	}

	private static @Nullable Object find(Map<String, Object> claims, String name) {
		if (claims.containsKey(name)) {
			return claims.get(name);
		}
		Object node = claims;
		for (String step : name.split("\\.")) {
			if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
				return null;
			}
			node = map.get(step);
		}
		return node;
	}

	private static void putList(Map<String, Object> claims, String name, @Nullable Object value) {
		if (value instanceof Collection<?> values) {
			claims.put(name, values.stream().map(String::valueOf).toList());
		}
		else if (value != null) {
			// a single-valued user attribute arrives as a string
			claims.put(name, List.of(String.valueOf(value)));
		}
		else {
			claims.remove(name);
		}
	}

	private static void putString(Map<String, Object> claims, String name, @Nullable Object value) {
		if (value instanceof Collection<?> values && values.size() == 1) {
			claims.put(name, String.valueOf(values.iterator().next()));
		}
		else if (value != null && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
			claims.put(name, String.valueOf(value));
		}
		else {
			claims.remove(name);
		}
	}

	private static void requireName(@Nullable String name, String what) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("stepwise.security.claims." + what + " must name a claim");
		}
	}

}
