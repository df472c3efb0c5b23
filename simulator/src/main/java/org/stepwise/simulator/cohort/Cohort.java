package org.stepwise.simulator.cohort;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A generated program: its schedule and its patients.
 */
public record Cohort(CohortSpec spec, List<ScheduledSession> sessions, List<PatientHistory> patients) {

	public Cohort {
		sessions = List.copyOf(sessions);
		patients = List.copyOf(patients);
	}

	public List<GroundTruth> truth() {
		return this.patients.stream().map(PatientHistory::truth).toList();
	}

	public Map<String, ScheduledSession> sessionsByKey() {
		return this.sessions.stream().collect(Collectors.toMap(ScheduledSession::key, Function.identity()));
	}

}
