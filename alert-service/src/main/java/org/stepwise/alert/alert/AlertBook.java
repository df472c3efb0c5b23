package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.stepwise.alert.alert.Alert.Transition;
import org.stepwise.alert.escalation.EscalationPolicy;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertKind;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;

/**
 * The alert rules over the active alerts of some patients, at one instant. Pure (no I/O):
 * the caller loads the active alerts, applies evidence, then stores {@link #changed()}
 * and counts {@link #counts()}.
 * <ul>
 * <li>de-duplication: evidence of a kind updates the patient's active alert of that kind
 * (raising, never lowering, its severity, except for {@link #FOLLOWS_LEVEL} kinds), and
 * evidence older than what was applied is ignored;</li>
 * <li>inhibition: {@value #STEP_DOWN_READY} is not raised while a risk or safety alert is
 * active for the patient, and an active one is auto-resolved when such an alert
 * opens;</li>
 * <li>auto-resolution: a progress alert whose signal no longer holds resolves; safety and
 * recommendation alerts never auto-resolve;</li>
 * <li>escalation timing: an open alert escalates at its severity's target from when it
 * was raised or reached that severity, never later than already due.</li>
 * </ul>
 */
public final class AlertBook {

	public static final String STEP_DOWN_READY = "STEP_DOWN_READY";

	/** Kinds of recommendations awaiting a clinician's decision start with this. */
	public static final String RECOMMENDATION_PREFIX = "RECOMMENDATION_";

	/**
	 * Kinds whose severity follows a level that already has its own hysteresis (the
	 * relapse-risk level, plan-service's): their alert also falls, in place, when the
	 * level falls (HIGH to ELEVATED is severity HIGH to MEDIUM).
	 */
	static final Set<String> FOLLOWS_LEVEL = Set.of(RelapseRiskRule.KIND);

	/** A metric increment: counter name, the alert, and an optional outcome tag. */
	public record Count(String name, Alert alert, @Nullable String outcome) {
	}

	private final Map<String, Alert> active = new LinkedHashMap<>();

	private final Map<String, Alert> changed = new LinkedHashMap<>();

	private final List<Count> counts = new ArrayList<>();

	private final Instant now;

	private final Function<String, EscalationPolicy> escalation;

	private final Set<String> inhibitors;

	private final OutboxEvents events;

	/**
	 * @param active the active alerts of the patients concerned
	 * @param escalation the escalation targets per program id
	 * @param inhibitors the kinds that inhibit {@value #STEP_DOWN_READY}
	 */
	public AlertBook(Collection<Alert> active, Instant now, Function<String, EscalationPolicy> escalation,
			Set<AlertKind> inhibitors, OutboxEvents events) {
		active.stream().filter(Alert::active).forEach((alert) -> this.active.put(key(alert), alert));
		this.now = now;
		this.escalation = escalation;
		this.inhibitors = inhibitors.stream().map(AlertKind::name).collect(Collectors.toUnmodifiableSet());
		this.events = events;
	}

	/** The alerts changed so far, by id. */
	public Map<String, Alert> changed() {
		return this.changed;
	}

	public List<Count> counts() {
		return this.counts;
	}

	public Optional<Alert> active(String patientId, String kind) {
		return Optional.ofNullable(this.active.get(key(patientId, kind)));
	}

	/** Evidence opens an alert of its kind or updates the active one. */
	public void record(AlertEvidence evidence) {
		String key = key(evidence.patientId(), evidence.kind());
		Alert existing = this.active.get(key);
		if (existing != null && existing.sourceRevision() >= evidence.revision()) {
			return;
		}
		if (existing == null && STEP_DOWN_READY.equals(evidence.kind()) && inhibited(evidence.patientId())) {
			return;
		}
		Alert alert = (existing != null) ? update(existing, evidence) : raise(evidence);
		put(alert);
		if (this.inhibitors.contains(alert.kind())) {
			active(alert.patientId(), STEP_DOWN_READY)
				.ifPresent((ready) -> autoResolveOne(ready, ready.sourceRevision(), "inhibited"));
		}
	}

	/**
	 * A patient's progress picture at {@code revision}: progress alerts of kinds not in
	 * {@code holding} resolve.
	 */
	public void autoResolve(String patientId, Set<String> holding, long revision) {
		for (Alert alert : List.copyOf(this.active.values())) {
			if (alert.patientId().equals(patientId) && fromProgress(alert.kind()) && !holding.contains(alert.kind())
					&& alert.sourceRevision() < revision) {
				autoResolveOne(alert, revision, "auto");
			}
		}
	}

	/**
	 * A clinician decided: the patient's active recommendation alert for that
	 * recommendation resolves, by them.
	 */
	public void decided(String patientId, String recommendationId, String by) {
		for (Alert alert : List.copyOf(this.active.values())) {
			if (alert.patientId().equals(patientId) && alert.kind().startsWith(RECOMMENDATION_PREFIX)
					&& recommendationId.equals(alert.values().get("recommendationId"))) {
				Alert resolved = change(alert, alert.severity(), AlertStatus.RESOLVED, "RESOLVED", alert.evidence(),
						alert.values(), alert.sourceEventIds(), alert.sourceRevision(), by);
				this.active.remove(key(alert));
				this.changed.put(resolved.id(), resolved);
				this.counts.add(new Count("stepwise.alerts.resolved", resolved, "decision"));
			}
		}
	}

	/**
	 * The patient's care team changed: their active alerts are routed to it, each with a
	 * {@code ROUTED} change (so the new team's live streams receive them).
	 */
	public void route(String patientId, List<String> careTeam) {
		for (Alert alert : List.copyOf(this.active.values())) {
			if (alert.patientId().equals(patientId) && !alert.careTeam().equals(careTeam)) {
				put(change(alert, alert.severity(), alert.status(), "ROUTED", alert.evidence(), alert.values(),
						alert.sourceEventIds(), alert.sourceRevision(), "system")
					.withCareTeam(careTeam));
			}
		}
	}

	/**
	 * The alert escalated at {@code now} to the on-call clinician, if it is open and due;
	 * empty otherwise (acknowledged, already escalated, or not yet due).
	 */
	public static Optional<Alert> escalate(Alert alert, Instant now, @Nullable String onCall, OutboxEvents events) {
		if (alert.status() != AlertStatus.OPEN || alert.escalatedAt() != null || alert.escalateAt() == null
				|| alert.escalateAt().isAfter(now)) {
			return Optional.empty();
		}
		// The event's "by" names whom it was handed to: the on-call clinician, or
		// "system" when the program names nobody.
		String to = (onCall != null) ? onCall : "system";
		AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(),
				"ESCALATED", alert.status(), alert.severity(), alert.evidence(), to, now);
		return Optional.of(alert.with(alert.severity(), alert.status(), alert.evidence(), alert.values(),
				alert.sourceEventIds(), alert.sourceRevision(),
				new Transition("ESCALATED", alert.status(), alert.severity(), to, now, null), events.entry(event, now))
			.withEscalation(null, now, onCall));
	}

	private boolean inhibited(String patientId) {
		return this.active.values()
			.stream()
			.anyMatch((alert) -> alert.patientId().equals(patientId) && this.inhibitors.contains(alert.kind()));
	}

	private static boolean fromProgress(String kind) {
		return !kind.equals(SafetyRule.KIND) && !kind.startsWith(RECOMMENDATION_PREFIX);
	}

	private void autoResolveOne(Alert alert, long revision, String outcome) {
		Alert resolved = change(alert, alert.severity(), AlertStatus.AUTO_RESOLVED, "AUTO_RESOLVED", alert.evidence(),
				alert.values(), alert.sourceEventIds(), revision, "system");
		this.active.remove(key(alert));
		this.changed.put(resolved.id(), resolved);
		this.counts.add(new Count("stepwise.alerts.resolved", resolved, outcome));
	}

	private void put(Alert alert) {
		this.active.put(key(alert), alert);
		this.changed.put(alert.id(), alert);
	}

	private Alert raise(AlertEvidence e) {
		String id = UUID.randomUUID().toString();
		AlertRaised raised = new AlertRaised(id, e.programId(), e.patientId(), e.kind(), e.severity(), e.evidence(),
				e.values(), e.careTeam(), e.sourceEventIds(), this.now);
		Alert alert = new Alert(id, e.programId(), e.patientId(), e.kind(), e.severity(), AlertStatus.OPEN,
				e.evidence(), e.values(), e.careTeam(), e.sourceEventIds(), e.revision(), this.now, this.now,
				List.of(new Transition("RAISED", AlertStatus.OPEN, e.severity(), "system", this.now, null)),
				this.escalation.apply(e.programId()).escalateAt(e.severity(), this.now, null), null, null, null,
				List.of(event(raised)));
		this.counts.add(new Count("stepwise.alerts.raised", alert, null));
		return alert;
	}

	private Alert update(Alert current, AlertEvidence e) {
		boolean raised = e.severity().compareTo(current.severity()) > 0;
		boolean follows = FOLLOWS_LEVEL.contains(e.kind());
		Severity severity = (raised || follows) ? e.severity() : current.severity();
		Alert updated = change(current, severity, current.status(), "UPDATED", e.evidence(), e.values(),
				e.sourceEventIds(), e.revision(), "system");
		if (!e.careTeam().isEmpty()) {
			updated = updated.withCareTeam(e.careTeam());
		}
		// A higher severity has a shorter target, counted from now, never later than what
		// was due; a lower one keeps what was due.
		if (raised && current.status() == AlertStatus.OPEN && current.escalatedAt() == null) {
			return updated.withEscalation(
					this.escalation.apply(current.programId()).escalateAt(severity, this.now, current.escalateAt()),
					null);
		}
		return updated;
	}

	private Alert change(Alert alert, Severity severity, AlertStatus status, String change, String evidence,
			Map<String, String> values, List<String> sourceEventIds, long revision, String by) {
		AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(), change,
				status, severity, evidence, by, this.now);
		Alert changed = alert.with(severity, status, evidence, values, sourceEventIds, revision,
				new Transition(change, status, severity, by, this.now, null), event(event));
		return status.active() ? changed : changed.withEscalation(null, alert.escalatedAt());
	}

	private OutboxEntry event(StepwiseEvent data) {
		return this.events.entry(data, this.now);
	}

	private static String key(Alert alert) {
		return key(alert.patientId(), alert.kind());
	}

	static String key(String patientId, String kind) {
		return patientId + "/" + kind;
	}

}
