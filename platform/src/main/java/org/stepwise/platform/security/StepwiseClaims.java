package org.stepwise.platform.security;

/**
 * The claim names of a Stepwise access token (shared with the identity provider). Tokens
 * of another OpenID Connect provider are read under these names once verified
 * ({@link ClaimMapping}).
 */
public final class StepwiseClaims {

	public static final String ROLES = "roles";

	public static final String PROGRAMS = "programs";

	public static final String CLINICIAN_ID = "clinician_id";

	public static final String PATIENT_ID = "patient_id";

	private StepwiseClaims() {
	}

}
