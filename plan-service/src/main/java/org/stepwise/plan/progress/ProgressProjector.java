package org.stepwise.plan.progress;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceEvent;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

import org.stepwise.plan.progress.domain.AttendanceMark;
import org.stepwise.plan.progress.domain.DisengagementRule;
import org.stepwise.platform.inbox.EventBatchHandler;
import org.stepwise.platform.inbox.ReceivedEvent;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Folds a batch of events into the patients' projections, re-evaluates the rules and,
 * where the assessment changed, stores a {@link ProgressAssessed} in the patient's
 * outbox, all in one write per patient.
 */
@Component
public class ProgressProjector implements EventBatchHandler {

	private static final String RULE_SET_VERSION = "skeleton-1";

	private final PatientProgressRepository repository;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final Clock clock;

	private final DisengagementRule disengagement = DisengagementRule.DEFAULTS;

	ProgressProjector(PatientProgressRepository repository, OutboxEvents events, OutboxRelay relay, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		Map<String, List<ReceivedEvent>> byPatient = events.stream()
			.collect(Collectors.groupingBy((event) -> event.envelope().subject(), LinkedHashMap::new,
					Collectors.toList()));
		Map<String, PatientProgress> stored = this.repository.findAllById(byPatient.keySet())
			.stream()
			.collect(Collectors.toMap(PatientProgress::patientId, Function.identity()));
		List<PatientProgress> changed = new ArrayList<>();
		byPatient.forEach((patientId, patientEvents) -> {
			PatientProgress progress = stored.get(patientId);
			boolean dirty = false;
			for (ReceivedEvent event : patientEvents) {
				if (event.data() instanceof AttendanceEvent attendance) {
					if (progress == null) {
						progress = PatientProgress.start(patientId, attendance.programId());
					}
					if (!progress.alreadyApplied(event.id())) {
						apply(progress, attendance);
						progress.markApplied(event.id());
						dirty = true;
					}
				}
			}
			if (dirty) {
				changed.add(reassess(progress, patientEvents));
			}
		});
		if (!changed.isEmpty()) {
			this.repository.saveAll(changed);
			this.relay.nudge();
		}
	}

	private static void apply(PatientProgress progress, AttendanceEvent event) {
		switch (event) {
			case AttendanceRecorded recorded -> progress.attendance()
				.merge(recorded.recordId(),
						new AttendanceMark(recorded.recordId(), recorded.occurredAt(), recorded.status(), 0),
						AttendanceMark::latest);
			case AttendanceCorrected corrected -> progress.attendance()
				.merge(corrected.recordId(), new AttendanceMark(corrected.recordId(), corrected.occurredAt(),
						corrected.status(), corrected.revision()), AttendanceMark::latest);
			case SessionScheduled scheduled -> {
				// Scheduled sessions feed attendance windows and under-dosing
				// (plan-service issue).
			}
			case SessionChanged changed -> {
			}
			case SessionCancelled cancelled -> {
			}
		}
	}

	private PatientProgress reassess(PatientProgress progress, List<ReceivedEvent> causes) {
		List<SignalFired> signals = this.disengagement.evaluate(progress.attendance().values()).stream().toList();
		RiskLevel risk = signals.isEmpty() ? RiskLevel.LOW : RiskLevel.MODERATE;
		if (signals.equals(progress.signals()) && risk == progress.riskLevel()) {
			return progress;
		}
		Instant now = this.clock.instant();
		ProgressAssessed assessed = new ProgressAssessed(progress.programId(), progress.patientId(),
				progress.revision() + 1, risk, false, signals, List.of(),
				causes.stream().map(ReceivedEvent::id).toList(), RULE_SET_VERSION, now);
		return progress.assessed(risk, signals, now, this.events.entry(assessed, now));
	}

}
