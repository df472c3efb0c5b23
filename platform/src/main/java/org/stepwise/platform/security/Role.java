package org.stepwise.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a token carries in its {@code roles} claim, mapped to Spring authorities
 * {@code ROLE_<claim value>}.
 */
public enum Role {

	/** Machine clients that write sessions, attendance, check-ins and assessments. */
	INGEST("ingest"),

	/**
	 * Reads their own patients (care team) in their programs; acts on alerts and plans.
	 */
	CLINICIAN("clinician"),

	/** Manages plans and sees the whole program, including its audit records. */
	PROGRAM_ADMIN("program-admin"),

	/** Submits and reads only their own check-ins. */
	PATIENT("patient");

	private final String claim;

	Role(String claim) {
		this.claim = claim;
	}

	/** The value in the {@code roles} claim, e.g. {@code program-admin}. */
	public String claim() {
		return this.claim;
	}

	/** The name for {@code hasRole}/{@code hasAnyRole}. */
	public String role() {
		return this.claim;
	}

	public String authority() {
		return "ROLE_" + this.claim;
	}

	public static Optional<Role> fromClaim(String claim) {
		return Arrays.stream(values()).filter((role) -> role.claim.equals(claim)).findFirst();
	}

	/** Role names for {@code hasAnyRole(...)}. */
	public static String[] names(Role... roles) {
		return Arrays.stream(roles).map(Role::role).toArray(String[]::new);
	}

}
