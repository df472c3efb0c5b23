package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * An alert about one patient and one kind. At most one is active (open or acknowledged)
 * per patient and kind: the patient's events arrive in order on one partition, consumed
 * by one instance, which updates the active alert instead of opening another. Every
 * transition is kept with who and when.
 *
 * @param sourceRevision the revision (progress) or clinical time in epoch milliseconds
 * (safety) of the newest evidence applied, so late or redelivered evidence never
 * overrides newer; stored under its first name, {@code progressRevision}, so alerts
 * stored by earlier versions still load
 * @param escalateAt when the alert escalates if still open (durable: a restart neither
 * loses nor repeats it); null once acknowledged, or for severities that never escalate
 * @param escalatedAt when it escalated; null if it has not
 * @param escalatedTo the program's on-call clinician it escalated to; null if it has not
 * escalated or the program names nobody on call
 */
@Document("alerts")
@CompoundIndex(name = "patient_status", def = "{'patientId': 1, 'status': 1}")
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "patient_raised", def = "{'patientId': 1, 'raisedAt': 1}")
@CompoundIndex(name = "status_raised", def = "{'status': 1, 'raisedAt': 1}")
@CompoundIndex(name = "status_severity", def = "{'status': 1, 'severity': 1}")
@CompoundIndex(name = "escalation_due", def = "{'status': 1, 'escalatedAt': 1, 'escalateAt': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record Alert(@Id String id, String programId, String patientId, String kind, Severity severity,
		AlertStatus status, String evidence, Map<String, String> values, List<String> careTeam,
		List<String> sourceEventIds, @Field("progressRevision") long sourceRevision, Instant raisedAt,
		Instant updatedAt, List<Transition> history, @Nullable Instant escalateAt, @Nullable Instant escalatedAt,
		@Nullable String escalatedTo, @JsonIgnore @Version @Nullable Long version,
		@JsonIgnore List<OutboxEntry> outbox) {

	public Alert {
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		history = List.copyOf(history == null ? List.of() : history);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	/**
	 * One step of the lifecycle or an update.
	 *
	 * @param change {@code RAISED}, {@code UPDATED}, {@code ACKNOWLEDGED},
	 * {@code RESOLVED}, {@code AUTO_RESOLVED}
	 * @param by a clinician id, or {@code system}
	 * @param note the clinician's note, kept here only (never in events or logs)
	 */
	public record Transition(String change, AlertStatus status, Severity severity, String by, Instant at,
			@Nullable String note) {
	}

	public boolean active() {
		return this.status.active();
	}

	public Alert with(Severity severity, AlertStatus status, String evidence, Map<String, String> values,
			List<String> sourceEventIds, long sourceRevision, Transition transition, OutboxEntry event) {
		List<Transition> steps = new ArrayList<>(this.history);
		steps.add(transition);
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.add(event);
		return new Alert(this.id, this.programId, this.patientId, this.kind, severity, status, evidence, values,
				this.careTeam, sourceEventIds, sourceRevision, this.raisedAt, transition.at(), steps, this.escalateAt,
				this.escalatedAt, this.escalatedTo, this.version, pending);
	}

	/** This alert with another escalation state. */
	public Alert withEscalation(@Nullable Instant escalateAt, @Nullable Instant escalatedAt) {
		return withEscalation(escalateAt, escalatedAt, this.escalatedTo);
	}

	/** This alert with another escalation state and target. */
	public Alert withEscalation(@Nullable Instant escalateAt, @Nullable Instant escalatedAt,
			@Nullable String escalatedTo) {
		return new Alert(this.id, this.programId, this.patientId, this.kind, this.severity, this.status, this.evidence,
				this.values, this.careTeam, this.sourceEventIds, this.sourceRevision, this.raisedAt, this.updatedAt,
				this.history, escalateAt, escalatedAt, escalatedTo, this.version, this.outbox);
	}

	/** This alert routed to another care team (no transition: routing is not a step). */
	public Alert withCareTeam(List<String> careTeam) {
		return new Alert(this.id, this.programId, this.patientId, this.kind, this.severity, this.status, this.evidence,
				this.values, List.copyOf(careTeam), this.sourceEventIds, this.sourceRevision, this.raisedAt,
				this.updatedAt, this.history, this.escalateAt, this.escalatedAt, this.escalatedTo, this.version,
				this.outbox);
	}

	/** Whether this alert is for the clinician: on its care team or escalated to them. */
	public boolean routedTo(String clinicianId) {
		return (this.careTeam != null && this.careTeam.contains(clinicianId)) || clinicianId.equals(this.escalatedTo);
	}

}
