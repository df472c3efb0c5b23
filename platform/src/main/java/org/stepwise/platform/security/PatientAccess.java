package org.stepwise.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.security.careteam.CareTeams;

/**
 * Object-level authorization of patient data, audited: every allowed read or change and
 * every refusal writes an audit record; a refusal is a 404 ({@link NotVisibleException}),
 * or an empty list for lists of a patient's records ({@link #read}).
 *
 * <p>
 * Who sees a patient's data in a program: a program admin of the program; a clinician of
 * the program on the patient's care team ({@link CareTeams}, from plan events) or, while
 * no plan (hence no care team) of that patient is known, any clinician of the program;
 * the patient themselves only where a service allows it ({@link #requireSelf}). Ingest
 * clients write, only into the programs of their token.
 */
public class PatientAccess {

	private final AuditLog audit;

	private final CareTeams careTeams;

	public PatientAccess(AuditLog audit, CareTeams careTeams) {
		this.audit = audit;
		this.careTeams = careTeams;
	}

	/** Whether the caller (staff) may read this patient's data of that program. */
	public boolean canRead(Caller caller, @Nullable String programId, String patientId) {
		if (caller.isProgramAdminOf(programId)) {
			return true;
		}
		if (!caller.has(Role.CLINICIAN) || !caller.inProgram(programId)) {
			return false;
		}
		return this.careTeams.careTeam(programId, patientId)
			.map((team) -> caller.canSeePatient(programId, team))
			.orElse(true);
	}

	/**
	 * A read of one patient's records: the ones the caller may see, audited once per
	 * program seen. The patient has records, none of them visible: audited as denied, and
	 * answered like a patient without records (empty), so the answer does not tell
	 * whether another program's patient exists.
	 */
	public <T> List<T> read(Caller caller, String action, String patientId, List<T> records,
			Function<T, String> programOf) {
		List<T> visible = records.stream()
			.filter((record) -> canRead(caller, programOf.apply(record), patientId))
			.toList();
		if (!records.isEmpty() && visible.isEmpty()) {
			this.audit.denied(caller, action, programOf.apply(records.get(0)), patientId);
			return visible;
		}
		Set<String> programs = new LinkedHashSet<>();
		visible.forEach((record) -> programs.add(programOf.apply(record)));
		if (programs.isEmpty()) {
			this.audit.allowed(caller, action, null, patientId);
		}
		programs.forEach((program) -> this.audit.allowed(caller, action, program, patientId));
		return visible;
	}

	/** A read of one record of a patient: audited, 404 unless visible. */
	public <T> T readOne(Caller caller, String action, String programId, String patientId, T record) {
		if (!canRead(caller, programId, patientId)) {
			this.audit.denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
		this.audit.allowed(caller, action, programId, patientId);
		return record;
	}

	/**
	 * A write by an ingest client into a program: audited, 404 for a program that is not
	 * in its token.
	 */
	public void requireIngest(Caller caller, String action, String programId, @Nullable String patientId) {
		if (!caller.has(Role.INGEST) || !caller.inProgram(programId)) {
			this.audit.denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
	}

	/**
	 * A write or read by the patient themselves (in one of their token's programs):
	 * audited as denied with 404 otherwise.
	 */
	public void requireSelf(Caller caller, String action, String programId, String patientId) {
		if (!caller.isPatient(patientId) || !caller.inProgram(programId)) {
			this.audit.denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
	}

	/** A program-level check (no single patient): audited as denied with 404. */
	public void requireProgram(Caller caller, String action, String programId) {
		if (!caller.inProgram(programId)) {
			this.audit.denied(caller, action, programId, null);
			throw new NotVisibleException();
		}
	}

	public void allowed(Caller caller, String action, @Nullable String programId, @Nullable String patientId) {
		this.audit.allowed(caller, action, programId, patientId);
	}

	public AuditLog audit() {
		return this.audit;
	}

}
