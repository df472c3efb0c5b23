package org.stepwise.alert.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertBook;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.program.Program;
import org.stepwise.alert.program.Programs;
import org.stepwise.platform.outbox.OnConflict;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Escalates open alerts past their acknowledgement target. The timer is the alert's own
 * {@code escalateAt} in the database, not a timer in memory: after a restart the next
 * pass finds what is due, and marking the alert escalated (with its event, in one write
 * under the optimistic lock) makes a second pass, on this or another instance, skip it.
 * The alert goes to the program's on-call clinician (from the programs read model),
 * recorded on the alert ({@code escalatedTo}) and as the event's {@code by}.
 */
@Component
public class Escalator {

	private final AlertRepository alerts;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Programs programs;

	public Escalator(AlertRepository alerts, Programs programs, OutboxEvents events, OutboxRelay relay,
			MeterRegistry meters, Clock clock) {
		this.alerts = alerts;
		this.programs = programs;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${stepwise.escalation.check-interval:PT10S}", initialDelay = 5_000)
	void scheduledPass() {
		escalateDue();
	}

	/**
	 * @return the alerts this pass escalated
	 */
	public List<Alert> escalateDue() {
		Instant now = this.clock.instant();
		List<Alert> escalated = new ArrayList<>();
		for (Alert due : this.alerts.findDueForEscalation(now)) {
			Alert result = OnConflict.retry(() -> escalate(due.id(), now));
			if (result != null) {
				escalated.add(result);
				// the escalated alert alone: a full pass would read whole collections
				this.relay.nudge(Alert.class, result.id());
			}
		}
		return escalated;
	}

	private Alert escalate(String id, Instant now) {
		Alert alert = this.alerts.findById(id).orElse(null);
		if (alert == null) {
			return null;
		}
		String onCall = this.programs.find(alert.programId()).map(Program::onCallClinicianId).orElse(null);
		return AlertBook.escalate(alert, now, onCall, this.events).map((escalated) -> {
			Alert saved = this.alerts.save(escalated);
			this.meters.counter("stepwise.alerts.escalated", "kind", alert.kind(), "severity", alert.severity().name())
				.increment();
			return saved;
		}).orElse(null);
	}

}
