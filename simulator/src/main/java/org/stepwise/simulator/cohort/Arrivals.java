package org.stepwise.simulator.cohort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * When a patient's observations reach the services (the time they stamp as recorded), and
 * so the order plan-service gets a patient's facts in, live: attendance once the session
 * is over and written up, check-ins and assessments as they are submitted. The events of
 * a cohort ({@code CohortEvents}) carry these times, and the driver feeding a stack fact
 * by fact follows this order. Pure.
 */
public final class Arrivals {

	/** Staff record a session's attendance this long after it ends. */
	static final long ATTENDANCE_AFTER_END_SECONDS = 600;

	/** A submitted check-in or instrument is stored this long after it was answered. */
	static final long SUBMISSION_SECONDS = 2;

	private Arrivals() {
	}

	public static Instant of(Observations.Attendance attendance, ScheduledSession session) {
		return session.endsAt().plusSeconds(ATTENDANCE_AFTER_END_SECONDS);
	}

	public static Instant of(Observations.CheckIn checkIn) {
		return checkIn.occurredAt().plusSeconds(SUBMISSION_SECONDS);
	}

	public static Instant of(Observations.Assessment assessment) {
		return assessment.occurredAt().plusSeconds(SUBMISSION_SECONDS);
	}

	/**
	 * A patient's observations of one day in the order they arrive: by recorded time; at
	 * the same time attendance before check-ins before assessments, each kind in the
	 * history's order.
	 */
	public static List<Observations.Observation> ofDay(PatientHistory patient, Map<String, ScheduledSession> sessions,
			int day) {
		record Arrival(Observations.Observation observation, Instant at) {
		}
		List<Arrival> arrivals = new ArrayList<>();
		patient.attendance()
			.stream()
			.filter((a) -> a.dayIndex() == day)
			.forEach((a) -> arrivals.add(new Arrival(a, of(a, sessions.get(a.sessionKey())))));
		patient.checkIns()
			.stream()
			.filter((c) -> c.dayIndex() == day)
			.forEach((c) -> arrivals.add(new Arrival(c, of(c))));
		patient.assessments()
			.stream()
			.filter((a) -> a.dayIndex() == day)
			.forEach((a) -> arrivals.add(new Arrival(a, of(a))));
		// a stable sort: ties keep the order above
		arrivals.sort(Comparator.comparing(Arrival::at));
		return arrivals.stream().map(Arrival::observation).toList();
	}

}
