package org.stepwise.alert.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import org.stepwise.alert.alert.Alert.Transition;
import org.stepwise.alert.escalation.EscalationPolicy;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Turns evidence into alerts: evidence of a kind opens an alert or updates the active one
 * (raising its severity if needed); a progress signal that no longer holds auto-resolves
 * its alert. Safety alerts come straight from safety-flagged assessments and are resolved
 * by clinicians only. One write per changed alert per batch.
 */
@Component
public class AlertProjector {

	private static final EnumSet<AlertStatus> ACTIVE = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);

	private final AlertRepository alerts;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	private final EscalationPolicy escalation;

	AlertProjector(AlertRepository alerts, OutboxEvents events, OutboxRelay relay, MeterRegistry meters, Clock clock,
			EscalationPolicy escalation) {
		this.escalation = escalation;
		this.alerts = alerts;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Progress assessments: every signal that holds is evidence; a progress alert whose
	 * signal cleared resolves.
	 */
	public void handleProgress(List<ReceivedEvent> events) {
		List<ProgressAssessed> assessments = payloads(events, ProgressAssessed.class);
		Batch batch = load(assessments.stream().map(ProgressAssessed::patientId).collect(Collectors.toSet()));
		for (ProgressAssessed assessment : assessments) {
			for (SignalFired signal : assessment.signals()) {
				batch.record(new AlertEvidence(assessment.programId(), assessment.patientId(), signal.kind(),
						signal.severity(), signal.evidence(), signal.values(), assessment.careTeam(),
						assessment.sourceEventIds(), assessment.revision()));
			}
			Set<String> holding = assessment.signals().stream().map(SignalFired::kind).collect(Collectors.toSet());
			batch.autoResolve(assessment.patientId(), holding, assessment.revision());
		}
		save(batch);
	}

	/**
	 * The safety fast path: safety-flagged assessments, without waiting for plan-service.
	 */
	public void handleAssessments(List<ReceivedEvent> events) {
		List<AlertEvidence> evidence = payloads(events, AssessmentScored.class).stream()
			.flatMap((assessment) -> SafetyRule.evaluate(assessment).stream())
			.toList();
		if (evidence.isEmpty()) {
			return;
		}
		Batch batch = load(evidence.stream().map(AlertEvidence::patientId).collect(Collectors.toSet()));
		evidence.forEach(batch::record);
		save(batch);
	}

	private Batch load(Set<String> patientIds) {
		Map<String, Alert> active = new LinkedHashMap<>();
		this.alerts.findByPatientIdInAndStatusIn(patientIds, ACTIVE)
			.forEach((alert) -> active.put(key(alert.patientId(), alert.kind()), alert));
		return new Batch(active, new LinkedHashMap<>(), this.clock.instant());
	}

	private void save(Batch batch) {
		if (batch.changed().isEmpty()) {
			return;
		}
		this.alerts.saveAll(batch.changed().values());
		this.relay.nudge();
	}

	/** The active alerts of a batch's patients and the ones the batch changed. */
	private final class Batch {

		private final Map<String, Alert> active;

		private final Map<String, Alert> changed;

		private final Instant now;

		Batch(Map<String, Alert> active, Map<String, Alert> changed, Instant now) {
			this.active = active;
			this.changed = changed;
			this.now = now;
		}

		Map<String, Alert> changed() {
			return this.changed;
		}

		void record(AlertEvidence evidence) {
			String key = key(evidence.patientId(), evidence.kind());
			Alert existing = this.active.get(key);
			if (existing != null && existing.sourceRevision() >= evidence.revision()) {
				return;
			}
			Alert alert = (existing != null) ? update(existing, evidence) : raise(evidence);
			this.active.put(key, alert);
			this.changed.put(alert.id(), alert);
		}

		void autoResolve(String patientId, Set<String> holding, long revision) {
			for (Alert alert : List.copyOf(this.active.values())) {
				if (alert.patientId().equals(patientId) && !alert.kind().equals(SafetyRule.KIND)
						&& !holding.contains(alert.kind()) && alert.sourceRevision() < revision) {
					Alert resolved = change(alert, alert.severity(), AlertStatus.AUTO_RESOLVED, "AUTO_RESOLVED",
							alert.evidence(), alert.values(), alert.sourceEventIds(), revision);
					this.active.remove(key(alert.patientId(), alert.kind()));
					this.changed.put(resolved.id(), resolved);
					count("stepwise.alerts.resolved", resolved, "outcome", "auto");
				}
			}
		}

		private Alert raise(AlertEvidence e) {
			String id = UUID.randomUUID().toString();
			AlertRaised raised = new AlertRaised(id, e.programId(), e.patientId(), e.kind(), e.severity(), e.evidence(),
					e.values(), e.careTeam(), e.sourceEventIds(), this.now);
			Alert alert = new Alert(id, e.programId(), e.patientId(), e.kind(), e.severity(), AlertStatus.OPEN,
					e.evidence(), e.values(), e.careTeam(), e.sourceEventIds(), e.revision(), this.now, this.now,
					List.of(new Transition("RAISED", AlertStatus.OPEN, e.severity(), "system", this.now, null)),
					AlertProjector.this.escalation.escalateAt(e.severity(), this.now, null), null, null,
					List.of(event(raised)));
			count("stepwise.alerts.raised", alert);
			return alert;
		}

		private Alert update(Alert current, AlertEvidence e) {
			boolean raised = e.severity().compareTo(current.severity()) > 0;
			Severity severity = raised ? e.severity() : current.severity();
			Alert updated = change(current, severity, current.status(), "UPDATED", e.evidence(), e.values(),
					e.sourceEventIds(), e.revision());
			if (raised && current.status() == AlertStatus.OPEN && current.escalatedAt() == null) {
				// A higher severity has a shorter target, counted from now, never later
				// than what was due.
				return updated.withEscalation(
						AlertProjector.this.escalation.escalateAt(severity, this.now, current.escalateAt()), null);
			}
			return updated;
		}

		private Alert change(Alert alert, Severity severity, AlertStatus status, String change, String evidence,
				Map<String, String> values, List<String> sourceEventIds, long revision) {
			AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(),
					change, status, severity, evidence, "system", this.now);
			return alert.with(severity, status, evidence, values, sourceEventIds, revision,
					new Transition(change, status, severity, "system", this.now, null), event(event));
		}

		private OutboxEntry event(StepwiseEvent data) {
			return AlertProjector.this.events.entry(data, this.now);
		}

	}

	private void count(String name, Alert alert, String... extraTags) {
		String[] tags = new String[4 + extraTags.length];
		tags[0] = "kind";
		tags[1] = alert.kind();
		tags[2] = "severity";
		tags[3] = alert.severity().name();
		System.arraycopy(extraTags, 0, tags, 4, extraTags.length);
		this.meters.counter(name, tags).increment();
	}

	private static <T extends StepwiseEvent> List<T> payloads(List<ReceivedEvent> events, Class<T> type) {
		return events.stream().map(ReceivedEvent::data).filter(type::isInstance).map(type::cast).toList();
	}

	static String key(String patientId, String kind) {
		return patientId + "/" + kind;
	}

}
