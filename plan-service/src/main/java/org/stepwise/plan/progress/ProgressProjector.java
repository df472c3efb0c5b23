package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AssessmentEvent;
import org.stepwise.contracts.attendance.AttendanceEvent;
import org.stepwise.contracts.checkin.CheckInEvent;
import org.stepwise.plan.progress.Evaluations.Facts;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.platform.inbox.EventBatchHandler;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * Folds a poll of attendance, check-in and assessment events per patient and writes each
 * patient once (one bulk write for the poll), with the resulting progress and plan events
 * in the patient's outbox.
 */
@Component
public class ProgressProjector implements EventBatchHandler {

	private final Evaluations evaluations;

	ProgressProjector(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		Map<String, List<ReceivedEvent>> byPatient = new LinkedHashMap<>();
		for (ReceivedEvent event : events) {
			if (Projection.relevant(event.data())) {
				byPatient.computeIfAbsent(event.envelope().subject(), (key) -> new ArrayList<>()).add(event);
			}
		}
		if (byPatient.isEmpty()) {
			return;
		}
		List<Facts> facts = new ArrayList<>(byPatient.size());
		byPatient.forEach((patientId, patientEvents) -> {
			List<String> ids = new ArrayList<>(patientEvents.size());
			List<StepwiseEvent> data = new ArrayList<>(patientEvents.size());
			for (ReceivedEvent event : patientEvents) {
				ids.add(event.id());
				data.add(event.data());
			}
			facts.add(new Facts(patientId, programId(data.getFirst()), ids, data));
		});
		this.evaluations.apply(facts, "event");
	}

	/** The latest {@link Projection#clinicalTime} among the facts, if any has one. */
	static @Nullable Instant latestClinicalTime(Collection<? extends StepwiseEvent> events) {
		Instant latest = null;
		for (StepwiseEvent event : events) {
			Instant at = Projection.clinicalTime(event);
			if (at != null && (latest == null || at.isAfter(latest))) {
				latest = at;
			}
		}
		return latest;
	}

	private static String programId(StepwiseEvent event) {
		return switch (event) {
			case AttendanceEvent attendance -> attendance.programId();
			case CheckInEvent checkIn -> checkIn.programId();
			case AssessmentEvent assessment -> assessment.programId();
			default -> throw new IllegalArgumentException("not a progress event");
		};
	}

}
