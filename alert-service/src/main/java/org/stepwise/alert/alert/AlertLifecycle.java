package org.stepwise.alert.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.alert.alert.Alert.Transition;

import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.outbox.OnConflict;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Clinicians' side of the lifecycle: OPEN -> ACKNOWLEDGED -> RESOLVED.
 * <ul>
 * <li>Acknowledge before resolve for CRITICAL and HIGH ({@link ResolutionRule}):
 * resolving such an alert while it is still OPEN is a conflict
 * ({@code acknowledge-first}: someone takes it on before anyone closes it), and its
 * resolution needs a note of at least {@value ResolutionRule#MIN_NOTE_WORDS} words (else
 * 400 naming {@code note}, never echoing it). A MEDIUM or LOW alert may be resolved from
 * OPEN, note optional.</li>
 * <li>Every alert counts in time to acknowledge ({@link AlertMeters}): the first
 * acknowledgement records the timer once; resolving an open MEDIUM or LOW alert is its
 * acknowledgement and records it then; resolving an acknowledged alert records nothing
 * more.</li>
 * <li>Repeating a step is harmless (a retry answers the alert as it is, and records
 * nothing again); acknowledging a resolved alert is a conflict.</li>
 * </ul>
 */
@Service
public class AlertLifecycle {

	private final AlertRepository alerts;

	private final AlertClosureRepository closures;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final AlertMeters meters;

	private final Clock clock;

	AlertLifecycle(AlertRepository alerts, AlertClosureRepository closures, OutboxEvents events, OutboxRelay relay,
			AlertMeters meters, Clock clock) {
		this.alerts = alerts;
		this.closures = closures;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	public Alert acknowledge(String id, String by, @Nullable String note) {
		return OnConflict.retry(() -> {
			Alert alert = get(id);
			if (alert.status() == AlertStatus.ACKNOWLEDGED) {
				return alert;
			}
			if (alert.status() != AlertStatus.OPEN) {
				throw new RequestRejectedException(HttpStatus.CONFLICT, "alert_not_open",
						"Only an open alert can be acknowledged");
			}
			Alert acknowledged = change(alert, AlertStatus.ACKNOWLEDGED, "ACKNOWLEDGED", by, note);
			this.meters.firstAcknowledged(acknowledged);
			this.meters.acknowledged(acknowledged);
			return acknowledged;
		});
	}

	/**
	 * Resolves the alert by the rules of this class and keeps the evidence it was
	 * resolved on ({@link AlertClosure}), so the same evidence re-evaluated does not open
	 * it again (see {@link AlertBook}).
	 */
	public Alert resolve(String id, String by, @Nullable String note) {
		return OnConflict.retry(() -> {
			Alert alert = get(id);
			if (!alert.active()) {
				return alert;
			}
			switch (ResolutionRule.check(alert.severity(), alert.status(), note)) {
				case ACKNOWLEDGE_FIRST -> throw new RequestRejectedException(HttpStatus.CONFLICT, "acknowledge-first",
						"Acknowledge a CRITICAL or HIGH alert before resolving it");
				case NOTE_TOO_SHORT -> throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_fields",
						"The request has invalid fields", List.of(new FieldProblem("note", "must have at least "
								+ ResolutionRule.MIN_NOTE_WORDS + " words to resolve a CRITICAL or HIGH alert")));
				case ALLOWED -> {
				}
			}
			Alert resolved = change(alert, AlertStatus.RESOLVED, "RESOLVED", by, note);
			// after the alert: a conflict above writes nothing; a failure here leaves the
			// alert resolved without its closure, which only lets evidence reopen it
			this.closures.save(AlertClosure.of(resolved));
			if (alert.status() == AlertStatus.OPEN) {
				// resolved without an acknowledgement first (MEDIUM, LOW): this is it
				this.meters.firstAcknowledged(resolved);
			}
			this.meters.resolvedByClinician(resolved);
			return resolved;
		});
	}

	public Alert get(String id) {
		return this.alerts.findById(id)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "alert_not_found", "No such alert"));
	}

	private Alert change(Alert alert, AlertStatus status, String change, String by, @Nullable String note) {
		Instant now = this.clock.instant();
		AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(), change,
				status, alert.severity(), alert.evidence(), by, now);
		Alert changed = this.alerts.save(alert.with(alert.severity(), status, alert.evidence(), alert.values(),
				alert.sourceEventIds(), alert.sourceRevision(),
				new Transition(change, status, alert.severity(), by, now, note), this.events.entry(event, now)));
		this.relay.nudge(Alert.class, changed.id());
		return changed;
	}

}
