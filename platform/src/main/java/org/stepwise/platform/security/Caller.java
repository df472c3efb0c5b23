package org.stepwise.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the verified access token: roles, programs, clinician or patient
 * id. Declare a {@code Caller} parameter on a controller method, or use
 * {@link #current()}.
 *
 * <p>
 * Visibility rules: staff (clinician, program admin) and ingest clients act only inside
 * the programs in their token; a clinician sees a patient whose care team includes them,
 * a program admin every patient of their programs; a patient only themselves. Whatever is
 * not visible is answered 404 ({@link NotVisibleException}), as if it did not exist.
 */
public final class Caller {

	private final String subject;

	private final Set<Role> roles;

	private final Set<String> programs;

	private final @Nullable String clinicianId;

	private final @Nullable String patientId;

	public Caller(String subject, Set<Role> roles, Set<String> programs, @Nullable String clinicianId,
			@Nullable String patientId) {
		this.subject = subject;
		this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
		this.programs = Set.copyOf(programs);
		this.clinicianId = clinicianId;
		this.patientId = patientId;
	}

	public static Caller of(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String claim : list(jwt, StepwiseClaims.ROLES)) {
			Role.fromClaim(claim).ifPresent(roles::add);
		}
		return new Caller(jwt.getSubject(), roles, new LinkedHashSet<>(list(jwt, StepwiseClaims.PROGRAMS)),
				jwt.getClaimAsString(StepwiseClaims.CLINICIAN_ID), jwt.getClaimAsString(StepwiseClaims.PATIENT_ID));
	}

	/**
	 * Whoever sent a request without a valid token: no roles, no programs (for audit
	 * records of refusals).
	 */
	public static Caller anonymous() {
		return new Caller("anonymous", Set.of(), Set.of(), null, null);
	}

	/**
	 * The caller of the current request.
	 * @throws AuthenticationCredentialsNotFoundException outside an authenticated request
	 * (answered 401)
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return of(token.getToken());
		}
		throw new AuthenticationCredentialsNotFoundException("No bearer token");
	}

	private static List<String> list(Jwt jwt, String claim) {
		List<String> values = jwt.hasClaim(claim) ? jwt.getClaimAsStringList(claim) : null;
		return (values != null) ? values : List.of();
	}

	/** The token subject: a user name or a client id. */
	public String subject() {
		return this.subject;
	}

	public Set<Role> roles() {
		return this.roles;
	}

	public Set<String> programs() {
		return this.programs;
	}

	public Optional<String> clinicianId() {
		return Optional.ofNullable(this.clinicianId);
	}

	public Optional<String> patientId() {
		return Optional.ofNullable(this.patientId);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public boolean hasAny(Role... roles) {
		for (Role role : roles) {
			if (has(role)) {
				return true;
			}
		}
		return false;
	}

	public boolean inProgram(@Nullable String programId) {
		return programId != null && this.programs.contains(programId);
	}

	/**
	 * @throws NotVisibleException (404) for a program that is not in the token
	 */
	public void requireProgram(@Nullable String programId) {
		if (!inProgram(programId)) {
			throw new NotVisibleException();
		}
	}

	/** A program admin of that program. */
	public boolean isProgramAdminOf(@Nullable String programId) {
		return has(Role.PROGRAM_ADMIN) && inProgram(programId);
	}

	/** The patient themselves. */
	public boolean isPatient(@Nullable String patientId) {
		return has(Role.PATIENT) && patientId != null && patientId.equals(this.patientId);
	}

	/**
	 * Whether this caller may see a patient of that program with that care team: a
	 * program admin of the program, or a clinician of the program on the care team.
	 */
	public boolean canSeePatient(@Nullable String programId, Collection<String> careTeam) {
		if (isProgramAdminOf(programId)) {
			return true;
		}
		return has(Role.CLINICIAN) && inProgram(programId) && this.clinicianId != null
				&& careTeam.contains(this.clinicianId);
	}

	/**
	 * @throws NotVisibleException (404) unless {@link #canSeePatient} (or the patient
	 * themselves)
	 */
	public void requirePatient(@Nullable String programId, @Nullable String patientId, Collection<String> careTeam) {
		if (!canSeePatient(programId, careTeam) && !(isPatient(patientId) && inProgram(programId))) {
			throw new NotVisibleException();
		}
	}

	/** The roles as they appear in the token, for audit records. */
	public List<String> roleClaims() {
		return this.roles.stream().map(Role::claim).toList();
	}

	@Override
	public String toString() {
		// no subject or patient id: a Caller may end up in a log line
		return "Caller[roles=" + roleClaims() + ", programs=" + this.programs + "]";
	}

}
