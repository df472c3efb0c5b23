package org.stepwise.alert.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

/**
 * Clinicians' side of the lifecycle: OPEN -> ACKNOWLEDGED -> RESOLVED. Repeating a step
 * is harmless (a retry); acknowledging a resolved alert is a conflict.
 */
@Service
public class AlertLifecycle {

	private final AlertRepository alerts;

	private final AlertClosureRepository closures;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	AlertLifecycle(AlertRepository alerts, AlertClosureRepository closures, OutboxEvents events, OutboxRelay relay,
			MeterRegistry meters, Clock clock) {
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
			Timer.builder("stepwise.alerts.time.to.acknowledge")
				.description("From an alert being raised to its acknowledgement")
				.tag("kind", alert.kind())
				.tag("severity", alert.severity().name())
				.publishPercentileHistogram()
				.register(this.meters)
				.record(Duration.between(alert.raisedAt(), acknowledged.updatedAt()));
			this.meters
				.counter("stepwise.alerts.acknowledged", "kind", alert.kind(), "severity", alert.severity().name())
				.increment();
			return acknowledged;
		});
	}

	/**
	 * Resolves the alert and keeps the evidence it was resolved on
	 * ({@link AlertClosure}), so the same evidence re-evaluated does not open it again
	 * (see {@link AlertBook}).
	 */
	public Alert resolve(String id, String by, @Nullable String note) {
		return OnConflict.retry(() -> {
			Alert alert = get(id);
			if (!alert.active()) {
				return alert;
			}
			Alert resolved = change(alert, AlertStatus.RESOLVED, "RESOLVED", by, note);
			// after the alert: a conflict above writes nothing; a failure here leaves the
			// alert resolved without its closure, which only lets evidence reopen it
			this.closures.save(AlertClosure.of(resolved));
			this.meters
				.counter("stepwise.alerts.resolved", "kind", alert.kind(), "severity", alert.severity().name(),
						"outcome", "clinician")
				.increment();
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
