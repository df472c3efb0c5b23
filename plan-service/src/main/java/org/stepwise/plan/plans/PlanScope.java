package org.stepwise.plan.plans;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.PatientAccess;

/**
 * Object-level checks of the plan API, every one audited (allowed or denied).
 * plan-service owns the plans, so the care team is the patient's current plan's
 * {@code careTeam} (no read model). A patient is visible to the program admins of their
 * program and to the clinicians of that program on the current plan's care team; a
 * patient without a plan (progress from events only) to the program admins only. Whatever
 * is not visible, and whatever does not exist, is the same 404
 * ({@link NotVisibleException}).
 */
@Component
class PlanScope {

	/** Who may take an action: staff on the care team, or program admins only. */
	enum Who {

		CARE_TEAM, PROGRAM_ADMIN

	}

	private final PatientAccess access;

	PlanScope(PatientAccess access) {
		this.access = access;
	}

	/**
	 * The patient's file if the caller may take that action on it (the check is audited
	 * as denied otherwise, with the program the patient belongs to, so that program's
	 * admins see the attempt).
	 * @throws NotVisibleException if absent or not visible
	 */
	PatientFile require(Caller caller, String action, String patientId, Optional<PatientFile> file, Who who) {
		String programId = file.map((f) -> f.state().programId()).orElse(null);
		if (file.isEmpty() || !allowed(caller, file.get(), who)) {
			this.access.audit().denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
		return file.get();
	}

	/**
	 * Records a refusal of a patient the caller may otherwise see (FHIR: 42 CFR Part 2
	 * data without a token that allows it).
	 */
	void denied(Caller caller, String action, PatientFile file) {
		this.access.audit().denied(caller, action, file.state().programId(), file.patientId());
	}

	/** Records an allowed read or change. */
	void allowed(Caller caller, String action, PatientFile file) {
		this.access.allowed(caller, action, file.state().programId(), file.patientId());
	}

	/**
	 * Enrolment: the caller must be a program admin of the requested program and, when
	 * the patient is already known to another program, of that one too.
	 */
	void requireEnrol(Caller caller, String patientId, String programId, Optional<PatientFile> existing) {
		String knownProgram = existing.map((f) -> f.state().programId()).orElse(null);
		if (!caller.isProgramAdminOf(programId) || (knownProgram != null && !caller.isProgramAdminOf(knownProgram))) {
			this.access.audit()
				.denied(caller, "plan.enrol", (knownProgram != null) ? knownProgram : programId, patientId);
			throw new NotVisibleException();
		}
	}

	/**
	 * Who acted, from the token (never from a request body): the clinician id, or the
	 * subject for a program admin without one.
	 */
	static String actor(Caller caller) {
		return caller.clinicianId().orElse(caller.subject());
	}

	private static boolean allowed(Caller caller, PatientFile file, Who who) {
		@Nullable String programId = file.state().programId();
		if (caller.isProgramAdminOf(programId)) {
			return true;
		}
		PlanVersion plan = file.state().plan();
		List<String> careTeam = (plan != null) ? plan.careTeam() : List.of();
		return who == Who.CARE_TEAM && caller.canSeePatient(programId, careTeam);
	}

}
