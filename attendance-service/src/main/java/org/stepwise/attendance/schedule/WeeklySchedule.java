package org.stepwise.attendance.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A recurring schedule, e.g. Mon/Wed/Thu 18:00-21:00 for 12 weeks, in the program's time
 * zone. Pure: expanding it keeps the local wall-clock times across daylight-saving
 * changes (18:00 stays 18:00, so the UTC instant moves).
 *
 * @param firstDay the first day the schedule may have a session on
 * @param weeks how many weeks from {@code firstDay}
 */
public record WeeklySchedule(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, LocalDate firstDay,
		int weeks) {

	public static final int MAX_WEEKS = 52;

	public WeeklySchedule {
		if (days.isEmpty()) {
			throw new IllegalArgumentException("a schedule needs at least one day");
		}
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("a session must end after it starts");
		}
		if (weeks < 1 || weeks > MAX_WEEKS) {
			throw new IllegalArgumentException("weeks must be 1 to " + MAX_WEEKS);
		}
		days = EnumSet.copyOf(days);
	}

	/** One occurrence: its start and end instants. */
	public record Occurrence(Instant startsAt, Instant endsAt) {
	}

	public List<Occurrence> expand() {
		List<Occurrence> occurrences = new ArrayList<>();
		LocalDate last = this.firstDay.plusWeeks(this.weeks).minusDays(1);
		for (LocalDate day = this.firstDay; !day.isAfter(last); day = day.plusDays(1)) {
			if (this.days.contains(day.getDayOfWeek())) {
				// atZone resolves a wall-clock time that a DST gap skips by moving it
				// forward: sessions still happen.
				occurrences.add(new Occurrence(day.atTime(this.start).atZone(this.zone).toInstant(),
						day.atTime(this.end).atZone(this.zone).toInstant()));
			}
		}
		return occurrences;
	}

}
