package org.stepwise.simulator.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;

/**
 * A session on the program's schedule with the patients on its roster.
 *
 * @param key stable name of the session within the cohort (e.g. {@code G0-2026-09-07}),
 * used for idempotency keys and to tie attendance to it
 * @param dayIndex the simulated day it falls on
 */
public record ScheduledSession(String key, int dayIndex, LocalDate day, SessionType type, Modality modality,
		Instant startsAt, Instant endsAt, String facilitatorId, List<String> roster) {

	public ScheduledSession {
		roster = List.copyOf(roster);
	}

	public int minutes() {
		return (int) java.time.Duration.between(this.startsAt, this.endsAt).toMinutes();
	}

}
