package org.stepwise.simulator.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.EventType;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.simulator.cohort.Arrivals;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.ScheduledSession;
import org.stepwise.simulator.cohort.StepDownCriteria;

/**
 * A patient's history as the events the services would publish for it (what
 * attendance-service and assessment-service put on their topics), in clinical order.
 * Event ids are derived from the cohort, so loading the same cohort twice gives the same
 * events. Pure.
 */
public final class CohortEvents {

	static final String ATTENDANCE_SOURCE = "/stepwise/attendance-service";

	static final String ASSESSMENT_SOURCE = "/stepwise/assessment-service";

	private CohortEvents() {
	}

	public static List<EventEnvelope<StepwiseEvent>> of(CohortSpec spec, PatientHistory patient,
			Map<String, ScheduledSession> sessions) {
		List<EventEnvelope<StepwiseEvent>> events = new ArrayList<>();
		String program = spec.programId();
		String run = spec.seed() + "/" + spec.firstDay() + "/";
		for (Observations.Attendance mark : patient.attendance()) {
			ScheduledSession session = sessions.get(mark.sessionKey());
			String id = run + "attendance/" + mark.sessionKey() + "/" + mark.patientId();
			Instant recorded = Arrivals.of(mark, session);
			events.add(envelope(ATTENDANCE_SOURCE, id,
					new AttendanceRecorded(uuid(id + "/record"), uuid(run + mark.sessionKey()), program,
							mark.patientId(), session.type(), mark.status(), mark.minutesAttended(), session.minutes(),
							session.startsAt(), recorded),
					recorded));
		}
		for (Observations.CheckIn c : patient.checkIns()) {
			String id = run + "checkin/" + c.patientId() + "/" + c.dayIndex();
			Set<SensitivityLabel> labels = c.usedSinceLastCheckIn() ? Set.of(SensitivityLabel.PART2) : Set.of();
			Instant recorded = Arrivals.of(c);
			events.add(envelope(ASSESSMENT_SOURCE, id,
					new CheckInSubmitted(uuid(id + "/record"), program, c.patientId(), c.mood(), c.craving(),
							c.usedSinceLastCheckIn(), c.substances(), c.sleepHours(), c.stress(),
							c.medicationTakenAsPrescribed(), labels, c.occurredAt(), recorded, c.confidence(),
							c.highRiskSituation(),
							(c.highRiskCategory() != null) ? HighRiskCategory.valueOf(c.highRiskCategory()) : null),
					recorded));
		}
		for (Observations.Assessment a : patient.assessments()) {
			String id = run + "assessment/" + a.patientId() + "/" + a.instrument() + "/" + a.dayIndex();
			events.add(envelope(ASSESSMENT_SOURCE, id, scored(program, uuid(id + "/record"), a), Arrivals.of(a)));
		}
		// in the order they arrive (a stable sort, as Arrivals.ofDay)
		events.sort(Comparator.comparing(EventEnvelope::time));
		return events;
	}

	/** Scored as assessment-service scores it (docs/clinical-rules.md section 2). */
	static AssessmentScored scored(String program, String assessmentId, Observations.Assessment a) {
		Integer total = null;
		Map<String, Integer> subscales = Map.of();
		String band;
		List<AnalyteResult> analytes = List.of();
		SafetyLevel safety = SafetyLevel.NONE;
		Set<SensitivityLabel> labels = Set.of();
		switch (a.instrument()) {
			case PHQ9 -> {
				total = a.total();
				int t = total;
				band = (t <= 4) ? "minimal"
						: (t <= 9) ? "mild" : (t <= 14) ? "moderate" : (t <= 19) ? "moderately severe" : "severe";
				int item9 = a.items().get("9");
				safety = (item9 >= 2) ? SafetyLevel.CRITICAL : (item9 >= 1) ? SafetyLevel.HIGH : SafetyLevel.NONE;
			}
			case GAD7 -> {
				total = a.total();
				int t = total;
				band = (t <= 4) ? "minimal" : (t <= 9) ? "mild" : (t <= 14) ? "moderate" : "severe";
			}
			case BAM -> {
				int use = a.sum(StepDownCriteria.Bam.USE);
				int risk = a.sum(StepDownCriteria.Bam.RISK);
				int protective = a.sum(StepDownCriteria.Bam.PROTECTIVE);
				Map<String, Integer> scales = new LinkedHashMap<>();
				scales.put("use", use);
				scales.put("risk", risk);
				scales.put("protective", protective);
				subscales = scales;
				band = (use >= 1 || risk >= 12 || protective <= 12) ? "concern" : "no concern";
				labels = Set.of(SensitivityLabel.PART2);
			}
			case UDS -> {
				analytes = a.analytes()
					.stream()
					.map((x) -> new AnalyteResult(x.analyte(), x.positive(), x.confirmatory(), x.prescribed(),
							x.countsAsUse()))
					.toList();
				band = analytes.stream().anyMatch(AnalyteResult::countsAsUse) ? "positive" : "negative";
				labels = Set.of(SensitivityLabel.PART2);
			}
			default -> throw new IllegalArgumentException("The simulator does not generate " + a.instrument());
		}
		return new AssessmentScored(assessmentId, program, a.patientId(), a.instrument(), a.items(), total, subscales,
				band, analytes, safety, labels, a.occurredAt(), Arrivals.of(a));
	}

	private static EventEnvelope<StepwiseEvent> envelope(String source, String id, StepwiseEvent data, Instant time) {
		return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, uuid(id), source, EventType.of(data).type(), time,
				data.subject(), EventEnvelope.DATA_CONTENT_TYPE, data);
	}

	private static String uuid(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

}
