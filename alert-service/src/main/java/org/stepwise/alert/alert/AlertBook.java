package org.stepwise.alert.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The alert rules over the active alerts of some patients and the closures of their
 * latest closed ones, at one instant. Pure (no I/O): the caller loads both, applies
 * evidence, then stores {@link #changedClosures()} and {@link #changed()} and counts
 * {@link #counts()}.
 * <ul>
 * <li>no noise after a closure: once a patient's alert of a kind is resolved (by a
 * clinician or a decision) or auto-resolved, evidence of that kind opens a new alert only
 * if it is materially new compared with the evidence at the closure (its
 * {@link AlertClosure}), never the same evidence re-evaluated (an unrelated event, a
 * redelivery, a replay, a restart). Materially new is, in this order:
 * <ol>
 * <li>never evidence at or before the revision applied at the closure (what was seen
 * then);</li>
 * <li>a new signal: the kind did not hold at the closure (auto-resolved: it cleared, or
 * was inhibited), or a newer progress picture showed it cleared after a clinician
 * resolved it; so the relapse-risk alert comes back after its level went LOW and rose
 * again;</li>
 * <li>a higher severity than at the closure;</li>
 * <li>a later occurrence: the evidence's {@code since} (when the condition started to
 * hold: the PHQ-9 or C-SSRS of a safety alert, the newest score of S3-S5 and S8, the
 * start of the craving or no-show run, the under-dosed week, the first day without a
 * check-in, the recommendation) is later than at the closure, so a new PHQ-9 with item 9
 * above 0 alerts again, and the safety fast path keeps alerting at once on a new
 * assessment. Not for {@value #LOW_ATTENDANCE} and {@value #SUBSTANCE_USE}, whose
 * {@code since} is the start of a sliding window (or the first use day in it) and moves
 * without anything new; those come back only by the other rules.</li>
 * </ol>
 * Otherwise the evidence changes nothing: the closed alert stays closed.</li>
 * <li>de-duplication: evidence of a kind updates the patient's active alert of that kind
 * (raising, never lowering, its severity, except for {@link #FOLLOWS_LEVEL} kinds), and
 * evidence older than what was applied is ignored;</li>
 * <li>inhibition: {@value #STEP_DOWN_READY} is not raised while a risk or safety alert is
 * active for the patient, and an active one is auto-resolved when such an alert
 * opens;</li>
 * <li>auto-resolution: a progress alert whose signal no longer holds resolves; safety and
 * recommendation alerts never auto-resolve; one closed before anyone acknowledged it is
 * counted in {@code stepwise.alerts.unacknowledged.closed}, and a recommendation decided
 * while open records its time to acknowledge (see {@link AlertMeters});</li>
 * <li>escalation timing: an open alert escalates at its severity's target from when it
 * was raised or reached that severity, never later than already due.</li>
 * </ul>
 */
public final class AlertBook {

	public static final String STEP_DOWN_READY = "STEP_DOWN_READY";

	/**
	 * Value of an alert: its evidence's {@code since}, kept so its closure can tell a
	 * later occurrence.
	 */
	public static final String SINCE = "since";

	static final String LOW_ATTENDANCE = "LOW_ATTENDANCE";

	static final String SUBSTANCE_USE = "SUBSTANCE_USE";

	/** Kinds whose {@code since} moves with a sliding window, not with new facts. */
	static final Set<String> SINCE_SLIDES = Set.of(LOW_ATTENDANCE, SUBSTANCE_USE);

	/** Kinds of recommendations awaiting a clinician's decision start with this. */
	public static final String RECOMMENDATION_PREFIX = "RECOMMENDATION_";

	/**
	 * Kinds whose severity follows a level that already has its own hysteresis (the
	 * relapse-risk level, plan-service's): their alert also falls, in place, when the
	 * level falls (HIGH to ELEVATED is severity HIGH to MEDIUM).
	 */
	static final Set<String> FOLLOWS_LEVEL = Set.of(RelapseRiskRule.KIND);

	/**
	 * A metric increment: the meter's name ({@link AlertMeters}), the alert, and an
	 * optional outcome tag. {@code stepwise.alerts.time.to.acknowledge} records from the
	 * alert's raising to its {@code updatedAt}.
	 */
	public record Count(String name, Alert alert, @Nullable String outcome) {
	}

	private final Map<String, Alert> active = new LinkedHashMap<>();

	private final Map<String, Alert> changed = new LinkedHashMap<>();

	private final Map<String, AlertClosure> closures = new LinkedHashMap<>();

	private final Map<String, AlertClosure> changedClosures = new LinkedHashMap<>();

	private final List<Count> counts = new ArrayList<>();

	private final Instant now;

	private final Function<String, EscalationPolicy> escalation;

	private final Set<String> inhibitors;

	private final OutboxEvents events;

	/**
	 * @param active the active alerts of the patients concerned
	 * @param closures the closures of their latest closed alerts
	 * @param escalation the escalation targets per program id
	 * @param inhibitors the kinds that inhibit {@value #STEP_DOWN_READY}
	 */
	public AlertBook(Collection<Alert> active, Collection<AlertClosure> closures, Instant now,
			Function<String, EscalationPolicy> escalation, Set<AlertKind> inhibitors, OutboxEvents events) {
		active.stream().filter(Alert::active).forEach((alert) -> this.active.put(key(alert), alert));
		closures.forEach((closure) -> this.closures.put(closure.id(), closure));
		this.now = now;
		this.escalation = escalation;
		this.inhibitors = inhibitors.stream().map(AlertKind::name).collect(Collectors.toUnmodifiableSet());
		this.events = events;
	}

	/** The alerts changed so far, by id. */
	public Map<String, Alert> changed() {
		return this.changed;
	}

	/** The closures written or changed so far, by id (store them before the alerts). */
	public Map<String, AlertClosure> changedClosures() {
		return this.changedClosures;
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
		AlertClosure closed = this.closures.get(key);
		if (existing == null && closed != null && !materiallyNew(closed, evidence)) {
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
	 * {@code holding} resolve, and a clinician's resolution of such a kind learns that it
	 * cleared (so its return is a new signal).
	 */
	public void autoResolve(String patientId, Set<String> holding, long revision) {
		for (Alert alert : List.copyOf(this.active.values())) {
			if (alert.patientId().equals(patientId) && fromProgress(alert.kind()) && !holding.contains(alert.kind())
					&& alert.sourceRevision() < revision) {
				autoResolveOne(alert, revision, "auto");
			}
		}
		for (AlertClosure closed : List.copyOf(this.closures.values())) {
			if (closed.patientId().equals(patientId) && fromProgress(closed.kind()) && !holding.contains(closed.kind())
					&& closed.status() == AlertStatus.RESOLVED && !closed.cleared() && closed.revision() < revision
					&& !this.active.containsKey(closed.id())) {
				putClosure(closed.cleared(revision));
			}
		}
	}

	/**
	 * Whether evidence of a kind whose latest alert closed is materially new, by the
	 * rules of this class.
	 */
	static boolean materiallyNew(AlertClosure closed, AlertEvidence evidence) {
		if (evidence.revision() <= closed.revision()) {
			return false;
		}
		if (closed.status() == AlertStatus.AUTO_RESOLVED || closed.cleared()) {
			return true;
		}
		if (evidence.severity().compareTo(closed.severity()) > 0) {
			return true;
		}
		// milliseconds: the fast path's assessment time and plan-service's signal time of
		// one PHQ-9 differ below that
		return evidence.since() != null && closed.since() != null && !SINCE_SLIDES.contains(evidence.kind())
				&& evidence.since()
					.truncatedTo(ChronoUnit.MILLIS)
					.isAfter(closed.since().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * A clinician decided: the patient's active recommendation alert for that
	 * recommendation resolves, by them.
	 */
	public void decided(String patientId, String recommendationId, String by) {
		for (Alert alert : List.copyOf(this.active.values())) {
			if (alert.patientId().equals(patientId) && RecommendationRule.awaitsDecision(alert.kind())
					&& recommendationId.equals(alert.values().get("recommendationId"))) {
				Alert resolved = change(alert, alert.severity(), AlertStatus.RESOLVED, "RESOLVED", alert.evidence(),
						alert.values(), alert.sourceEventIds(), alert.sourceRevision(), by);
				this.active.remove(key(alert));
				this.changed.put(resolved.id(), resolved);
				putClosure(AlertClosure.of(resolved));
				if (alert.status() == AlertStatus.OPEN) {
					// the clinician's decision is the recommendation's acknowledgement
					this.counts.add(new Count(AlertMeters.TIME_TO_ACKNOWLEDGE, resolved, null));
				}
				this.counts.add(new Count(AlertMeters.RESOLVED, resolved, "decision"));
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
		return !kind.equals(SafetyRule.KIND) && !RecommendationRule.awaitsDecision(kind);
	}

	private void autoResolveOne(Alert alert, long revision, String outcome) {
		Alert resolved = change(alert, alert.severity(), AlertStatus.AUTO_RESOLVED, "AUTO_RESOLVED", alert.evidence(),
				alert.values(), alert.sourceEventIds(), revision, "system");
		this.active.remove(key(alert));
		this.changed.put(resolved.id(), resolved);
		putClosure(AlertClosure.of(resolved));
		this.counts.add(new Count(AlertMeters.RESOLVED, resolved, outcome));
		if (alert.status() == AlertStatus.OPEN) {
			// nobody acknowledged it: counted, since it never reaches time to acknowledge
			this.counts.add(new Count(AlertMeters.UNACKNOWLEDGED_CLOSED, resolved, null));
		}
	}

	private void put(Alert alert) {
		this.active.put(key(alert), alert);
		this.changed.put(alert.id(), alert);
	}

	private void putClosure(AlertClosure closure) {
		this.closures.put(closure.id(), closure);
		this.changedClosures.put(closure.id(), closure);
	}

	/** The evidence's values, with its {@code since} when it has one. */
	private static Map<String, String> values(AlertEvidence e) {
		if (e.since() == null) {
			return e.values();
		}
		Map<String, String> values = new LinkedHashMap<>(e.values());
		values.put(SINCE, e.since().truncatedTo(ChronoUnit.MILLIS).toString());
		return values;
	}

	private Alert raise(AlertEvidence e) {
		AlertClosure closed = this.closures.get(key(e.patientId(), e.kind()));
		String id = successorId(e.patientId(), e.kind(), (closed != null) ? closed.alertId() : null);
		Map<String, String> values = values(e);
		AlertRaised raised = new AlertRaised(id, e.programId(), e.patientId(), e.kind(), e.severity(), e.evidence(),
				values, e.careTeam(), e.sourceEventIds(), this.now);
		Alert alert = new Alert(id, e.programId(), e.patientId(), e.kind(), e.severity(), AlertStatus.OPEN,
				e.evidence(), values, e.careTeam(), e.sourceEventIds(), e.revision(), this.now, this.now,
				List.of(new Transition("RAISED", AlertStatus.OPEN, e.severity(), "system", this.now, null)),
				this.escalation.apply(e.programId()).escalateAt(e.severity(), this.now, null), null, null, 0, null,
				List.of(event(raised)));
		this.counts.add(new Count(AlertMeters.RAISED, alert, null));
		return alert;
	}

	private Alert update(Alert current, AlertEvidence e) {
		boolean raised = e.severity().compareTo(current.severity()) > 0;
		boolean follows = FOLLOWS_LEVEL.contains(e.kind());
		Severity severity = (raised || follows) ? e.severity() : current.severity();
		Alert updated = change(current, severity, current.status(), "UPDATED", e.evidence(), values(e),
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

	/**
	 * The id of the alert of a patient and kind that opens after {@code closedAlertId}
	 * (their latest closed one; null if none): derived, not random, so two writers that
	 * both found no active alert (two instances during a rebalance, a zombie consumer)
	 * make the same alert, and the second one's insert fails on its {@code _id}, the one
	 * index every MongoDB and the embedded store keep unique; the projector's
	 * {@code OnConflict} then re-reads and updates the first. A name-based UUID, so the
	 * id carries no patient id.
	 */
	static String successorId(String patientId, String kind, @Nullable String closedAlertId) {
		String predecessor = (closedAlertId != null) ? closedAlertId : "";
		return UUID
			.nameUUIDFromBytes(("stepwise-alert\n" + patientId + "\n" + kind + "\n" + predecessor)
				.getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private static String key(Alert alert) {
		return key(alert.patientId(), alert.kind());
	}

	static String key(String patientId, String kind) {
		return patientId + "/" + kind;
	}

}
