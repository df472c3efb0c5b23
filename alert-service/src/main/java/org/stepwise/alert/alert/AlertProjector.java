package org.stepwise.alert.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import org.stepwise.alert.AlertServiceApplication;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.platform.inbox.EventBatchHandler;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Turns progress assessments into alerts: a signal that holds opens an alert of its kind
 * or updates the active one (raising its severity if needed); an active alert whose
 * signal no longer holds is auto-resolved.
 */
@Component
public class AlertProjector implements EventBatchHandler {

	private static final EnumSet<AlertStatus> ACTIVE = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);

	private final AlertRepository alerts;

	private final EventCodec codec;

	private final OutboxRelay relay;

	private final Clock clock;

	AlertProjector(AlertRepository alerts, EventCodec codec, OutboxRelay relay, Clock clock) {
		this.alerts = alerts;
		this.codec = codec;
		this.relay = relay;
		this.clock = clock;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<ProgressAssessed> assessments = events.stream()
			.map(ReceivedEvent::data)
			.filter(ProgressAssessed.class::isInstance)
			.map(ProgressAssessed.class::cast)
			.toList();
		if (assessments.isEmpty()) {
			return;
		}
		Map<String, Alert> active = new LinkedHashMap<>();
		this.alerts
			.findByPatientIdInAndStatusIn(assessments.stream().map(ProgressAssessed::patientId).distinct().toList(),
					ACTIVE)
			.forEach((alert) -> active.put(key(alert.patientId(), alert.kind()), alert));
		Map<String, Alert> changed = new LinkedHashMap<>();
		for (ProgressAssessed assessment : assessments) {
			apply(assessment, active, changed);
		}
		if (!changed.isEmpty()) {
			this.alerts.saveAll(changed.values());
			this.relay.nudge();
		}
	}

	private void apply(ProgressAssessed assessment, Map<String, Alert> active, Map<String, Alert> changed) {
		Instant now = this.clock.instant();
		for (SignalFired signal : assessment.signals()) {
			String key = key(assessment.patientId(), signal.kind());
			Optional<Alert> existing = Optional.ofNullable(active.get(key));
			if (existing.isPresent() && existing.get().progressRevision() >= assessment.revision()) {
				continue;
			}
			Alert alert = existing.map((current) -> update(current, signal, assessment, now))
				.orElseGet(() -> raise(assessment, signal, now));
			active.put(key, alert);
			changed.put(alert.id(), alert);
		}
		List<String> holding = assessment.signals().stream().map(SignalFired::kind).toList();
		for (Alert alert : List.copyOf(active.values())) {
			if (alert.patientId().equals(assessment.patientId()) && !holding.contains(alert.kind())
					&& alert.progressRevision() < assessment.revision()) {
				Alert resolved = transition(alert, alert.severity(), AlertStatus.AUTO_RESOLVED, "AUTO_RESOLVED",
						alert.evidence(), alert.values(), assessment, now);
				active.remove(key(alert.patientId(), alert.kind()));
				changed.put(resolved.id(), resolved);
			}
		}
	}

	private Alert raise(ProgressAssessed assessment, SignalFired signal, Instant now) {
		String id = UUID.randomUUID().toString();
		AlertRaised raised = new AlertRaised(id, assessment.programId(), assessment.patientId(), signal.kind(),
				signal.severity(), signal.evidence(), signal.values(), assessment.careTeam(),
				assessment.sourceEventIds(), now);
		return new Alert(id, assessment.programId(), assessment.patientId(), signal.kind(), signal.severity(),
				AlertStatus.OPEN, signal.evidence(), signal.values(), assessment.careTeam(),
				assessment.sourceEventIds(), assessment.revision(), now, now, null, new ArrayList<>(List
					.of(OutboxEntry.of(this.codec, EventEnvelope.of(AlertServiceApplication.SOURCE, raised, now)))));
	}

	private Alert update(Alert current, SignalFired signal, ProgressAssessed assessment, Instant now) {
		Severity severity = (signal.severity().compareTo(current.severity()) > 0) ? signal.severity()
				: current.severity();
		return transition(current, severity, current.status(), "UPDATED", signal.evidence(), signal.values(),
				assessment, now);
	}

	private Alert transition(Alert alert, Severity severity, AlertStatus status, String change, String evidence,
			Map<String, String> values, ProgressAssessed assessment, Instant now) {
		AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(), change,
				status, severity, evidence, "system", now);
		return alert.with(severity, status, evidence, values, assessment.sourceEventIds(), assessment.revision(), now,
				OutboxEntry.of(this.codec, EventEnvelope.of(AlertServiceApplication.SOURCE, event, now)));
	}

	private static String key(String patientId, String kind) {
		return patientId + "/" + kind;
	}

}
