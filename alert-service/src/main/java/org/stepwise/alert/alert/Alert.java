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
 * by one instance, which updates the active alert instead of opening another; and when
 * two instances briefly handle the same partition (a rebalance, a consumer that lost its
 * partitions while busy), the new alert's id is derived from the patient, the kind and
 * the alert closed before it ({@code AlertBook.successorId}), so the second insert fails
 * on the unique {@code _id} and retries as an update. Every transition is kept with who
 * and when.
 *
 * <p>
 * Indexes, one per hot query (checked by {@code AlertIndexesTest}):
 * {@code patient_status} for a batch's active alerts and one patient's alerts,
 * {@code program_status_raised} for the list (the console's inbox, grouped by patient),
 * {@code status_escalate} for the escalation clock and the open-alerts gauge.
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
 * @param historyDropped how many transitions were dropped from {@code history} to keep it
 * bounded ({@link AlertHistory}); 0 for alerts stored before it was kept
 */
@Document("alerts")
@CompoundIndex(name = "patient_status", def = "{'patientId': 1, 'status': 1}")
@CompoundIndex(name = "program_status_raised", def = "{'programId': 1, 'status': 1, 'raisedAt': -1}")
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "patient_raised", def = "{'patientId': 1, 'raisedAt': 1}")
@CompoundIndex(name = "status_severity", def = "{'status': 1, 'severity': 1}")
// the escalation clock's query; its leading status also serves the open-alerts gauge
@CompoundIndex(name = "escalation_due", def = "{'status': 1, 'escalatedAt': 1, 'escalateAt': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record Alert(@Id String id, String programId, String patientId, String kind, Severity severity,
		AlertStatus status, String evidence, Map<String, String> values, List<String> careTeam,
		List<String> sourceEventIds, @Field("progressRevision") long sourceRevision, Instant raisedAt,
		Instant updatedAt, List<Transition> history, @Nullable Instant escalateAt, @Nullable Instant escalatedAt,
		@Nullable String escalatedTo, @Nullable Integer historyDropped, @JsonIgnore @Version @Nullable Long version,
		@JsonIgnore List<OutboxEntry> outbox) {

	public Alert {
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		history = List.copyOf(history == null ? List.of() : history);
		historyDropped = (historyDropped == null) ? 0 : historyDropped;
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	/**
	 * One step of the lifecycle or an update, or identical updates in a row
	 * ({@link AlertHistory}).
	 *
	 * @param change {@code RAISED}, {@code UPDATED}, {@code ACKNOWLEDGED},
	 * {@code RESOLVED}, {@code AUTO_RESOLVED}, {@code ROUTED}, {@code ESCALATED}
	 * @param by a clinician id, or {@code system}
	 * @param at when it happened (the first of identical updates)
	 * @param note the clinician's note, kept here only (never in events or logs)
	 * @param count how many identical updates this row stands for; 1 for a single step
	 * (and for transitions stored before it was kept)
	 * @param lastAt when the last of identical updates happened; null for a single step
	 */
	public record Transition(String change, AlertStatus status, Severity severity, String by, Instant at,
			@Nullable String note, @Nullable Integer count, @Nullable Instant lastAt) {

		public Transition {
			// absent from transitions stored before it was kept: a single step
			count = (count == null || count < 1) ? 1 : count;
		}

		/** A single step. */
		public Transition(String change, AlertStatus status, Severity severity, String by, Instant at,
				@Nullable String note) {
			this(change, status, severity, by, at, note, 1, null);
		}

		/** This row, standing for {@code again} too. */
		Transition repeated(Transition again) {
			return new Transition(this.change, this.status, this.severity, this.by, this.at, this.note,
					this.count + again.count, (again.lastAt != null) ? again.lastAt : again.at);
		}

	}

	public boolean active() {
		return this.status.active();
	}

	public Alert with(Severity severity, AlertStatus status, String evidence, Map<String, String> values,
			List<String> sourceEventIds, long sourceRevision, Transition transition, OutboxEntry event) {
		AlertHistory.Appended steps = AlertHistory.append(this.history, transition);
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.add(event);
		return new Alert(this.id, this.programId, this.patientId, this.kind, severity, status, evidence, values,
				this.careTeam, sourceEventIds, sourceRevision, this.raisedAt, transition.at(), steps.history(),
				this.escalateAt, this.escalatedAt, this.escalatedTo, this.historyDropped + steps.dropped(),
				this.version, pending);
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
				this.history, escalateAt, escalatedAt, escalatedTo, this.historyDropped, this.version, this.outbox);
	}

	/** This alert routed to another care team (no transition: routing is not a step). */
	public Alert withCareTeam(List<String> careTeam) {
		return new Alert(this.id, this.programId, this.patientId, this.kind, this.severity, this.status, this.evidence,
				this.values, List.copyOf(careTeam), this.sourceEventIds, this.sourceRevision, this.raisedAt,
				this.updatedAt, this.history, this.escalateAt, this.escalatedAt, this.escalatedTo, this.historyDropped,
				this.version, this.outbox);
	}

	/** Whether this alert is for the clinician: on its care team or escalated to them. */
	public boolean routedTo(String clinicianId) {
		return (this.careTeam != null && this.careTeam.contains(clinicianId)) || clinicianId.equals(this.escalatedTo);
	}

}
