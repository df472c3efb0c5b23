package org.stepwise.simulator.cohort;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: a program of {@code patients} patients over {@code weeks} weeks
 * starting on {@code firstDay} (in the program's zone).
 *
 * @param seed everything generated follows from it
 * @param groupDays the days of the group sessions, e.g. Mon/Wed/Thu
 * @param groupStart local start of a group session
 * @param groupMinutes length of a group session
 * @param groupSize at most this many patients share a group (attendance-service caps a
 * roster at 100)
 * @param individualDay the day of the weekly individual session
 */
public record CohortSpec(long seed, int patients, int weeks, String programId, ZoneId zone, LocalDate firstDay,
		List<DayOfWeek> groupDays, LocalTime groupStart, int groupMinutes, int groupSize, DayOfWeek individualDay) {

	public CohortSpec {
		Objects.requireNonNull(programId, "programId");
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(firstDay, "firstDay");
		groupDays = List.copyOf(groupDays);
		if (patients < 1) {
			throw new IllegalArgumentException("patients must be at least 1");
		}
		if (weeks < 2 || weeks > 52) {
			throw new IllegalArgumentException("weeks must be between 2 and 52");
		}
		if (groupSize < 1 || groupSize > 100) {
			throw new IllegalArgumentException("groupSize must be between 1 and 100");
		}
	}

	/**
	 * Mon/Wed/Thu 18:00-21:00 groups of up to 12 and a weekly individual session on
	 * Tuesdays, in America/Chicago.
	 */
	public static CohortSpec of(long seed, int patients, int weeks, LocalDate firstDay) {
		return new CohortSpec(seed, patients, weeks, "program-sim", ZoneId.of("America/Chicago"), firstDay,
				List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), LocalTime.of(18, 0), 180, 12,
				DayOfWeek.TUESDAY);
	}

	public CohortSpec withProgram(String programId, ZoneId zone) {
		return new CohortSpec(this.seed, this.patients, this.weeks, programId, zone, this.firstDay, this.groupDays,
				this.groupStart, this.groupMinutes, this.groupSize, this.individualDay);
	}

	/** Number of simulated days. */
	public int days() {
		return this.weeks * 7;
	}

	public LocalDate day(int index) {
		return this.firstDay.plusDays(index);
	}

	/** Scheduled hours per week: the groups plus the one-hour individual session. */
	public double weeklyHours() {
		return this.groupDays.size() * this.groupMinutes / 60.0 + 1.0;
	}

	/**
	 * The id of the program's clinician number {@code n}: {@code clinician-a1} for
	 * program-a (the demo accounts of the identity provider), else {@code clinician-n}.
	 */
	public String clinician(int n) {
		String program = programId();
		return program.matches("program-[a-z]") ? "clinician-" + program.substring(8) + n : "clinician-" + n;
	}

}
