package org.stepwise.alert.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.careteam.CareTeam;
import org.stepwise.alert.careteam.CareTeamRepository;
import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.Role;

/**
 * Who sees which alert and which patient's timeline in alert-service, and the audit of
 * every such read (allowed or denied).
 *
 * <ul>
 * <li>A program admin sees every alert and patient of the programs in their token.</li>
 * <li>A clinician sees, in the programs of their token, the alerts routed to them (their
 * care team includes them, or the alert was escalated to them), and the alerts of
 * patients whose care team is not known yet (no plan seen: the platform's rule, so a
 * safety alert is never invisible to the program's clinicians).</li>
 * <li>A patient's timeline: the program admins, and the program's clinicians on the
 * patient's care team (alert-service's care-team read model, from plan events) or, while
 * none is known, the program's clinicians.</li>
 * </ul>
 * A single alert that is not visible is answered 404, as if it did not exist; lists leave
 * out what is not visible (a patient's list is then empty, as for a patient without
 * alerts).
 */
@Component
public class AlertScope {

	private final AuditLog audit;

	private final CareTeamRepository careTeams;

	public AlertScope(AuditLog audit, CareTeamRepository careTeams) {
		this.audit = audit;
		this.careTeams = careTeams;
	}

	/** Whether the caller may see this alert. */
	public static boolean canSee(Caller caller, Alert alert) {
		if (caller.isProgramAdminOf(alert.programId())) {
			return true;
		}
		if (!caller.has(Role.CLINICIAN) || !caller.inProgram(alert.programId())) {
			return false;
		}
		return alert.careTeam().isEmpty() || caller.clinicianId().map(alert::routedTo).orElse(false);
	}

	/** Whether the caller (staff) may read this patient's data of that program. */
	public boolean canReadPatient(Caller caller, @Nullable String programId, String patientId) {
		if (caller.isProgramAdminOf(programId)) {
			return true;
		}
		if (!caller.has(Role.CLINICIAN) || !caller.inProgram(programId)) {
			return false;
		}
		List<String> team = this.careTeams.findById(patientId)
			.filter((careTeam) -> careTeam.programId() == null || careTeam.programId().equals(programId))
			.map(CareTeam::members)
			.orElse(List.of());
		return team.isEmpty() || caller.clinicianId().map(team::contains).orElse(false);
	}

	/**
	 * One alert, audited: 404 (and a denial in the audit log, under the alert's program)
	 * unless the caller may see it.
	 */
	public Alert requireVisible(Caller caller, String action, Alert alert) {
		if (!canSee(caller, alert)) {
			this.audit.denied(caller, action, alert.programId(), alert.patientId());
			throw new NotVisibleException();
		}
		this.audit.allowed(caller, action, alert.programId(), alert.patientId());
		return alert;
	}

	/**
	 * A list of alerts: only the visible ones, one audit record per patient (and program)
	 * in the answer. Asked for one patient whose alerts exist but none is visible: a
	 * denial, answered empty like a patient without alerts (a 404 would tell that the
	 * patient exists).
	 */
	public List<Alert> visible(Caller caller, String action, @Nullable String patientId, List<Alert> alerts) {
		List<Alert> visible = alerts.stream().filter((alert) -> canSee(caller, alert)).toList();
		if (patientId != null && !alerts.isEmpty() && visible.isEmpty()) {
			this.audit.denied(caller, action, alerts.get(0).programId(), patientId);
		}
		else if (patientId != null && visible.isEmpty()) {
			this.audit.allowed(caller, action, null, patientId);
		}
		auditEach(caller, action, visible, Alert::programId, Alert::patientId);
		return visible;
	}

	/**
	 * A read of one patient's records held by alert-service (the timeline): the visible
	 * ones, audited once per program; the patient has records, none of them visible: a
	 * denial, answered empty like a patient without records.
	 */
	public <T> List<T> readPatient(Caller caller, String action, String patientId, List<T> records,
			Function<T, String> programOf) {
		List<T> visible = records.stream()
			.filter((record) -> canReadPatient(caller, programOf.apply(record), patientId))
			.toList();
		if (!records.isEmpty() && visible.isEmpty()) {
			this.audit.denied(caller, action, programOf.apply(records.get(0)), patientId);
		}
		else if (visible.isEmpty()) {
			this.audit.allowed(caller, action, null, patientId);
		}
		auditEach(caller, action, visible, programOf, (record) -> patientId);
		return visible;
	}

	/** A program-wide request (a stream, a log): 404 and a denial unless allowed. */
	public void requireProgram(Caller caller, String action, @Nullable String programId, boolean allowed) {
		if (!allowed) {
			this.audit.denied(caller, action, programId, null);
			throw new NotVisibleException();
		}
		this.audit.allowed(caller, action, programId, null);
	}

	/** A record of one alert sent to the caller (a live stream delivery). */
	public void delivered(Caller caller, String action, Alert alert) {
		this.audit.allowed(caller, action, alert.programId(), alert.patientId());
	}

	/**
	 * Who acted, from the token (never from a request body): the clinician id, or the
	 * subject for a program admin without one.
	 */
	public static String actor(Caller caller) {
		return caller.clinicianId().orElse(caller.subject());
	}

	private <T> void auditEach(Caller caller, String action, List<T> records, Function<T, String> programOf,
			Function<T, String> patientOf) {
		Set<String> seen = new LinkedHashSet<>();
		for (T record : records) {
			String program = programOf.apply(record);
			String patient = patientOf.apply(record);
			if (seen.add(program + "\u0000" + patient)) {
				this.audit.allowed(caller, action, program, patient);
			}
		}
	}

}
