package org.stepwise.attendance.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.attendance.AttendanceStatus;

/** Computes {@link AttendanceSummary}s. Pure: sessions and marks in, numbers out. */
public final class AttendanceCalculator {

	private AttendanceCalculator() {
	}

	/**
	 * A session the patient is on the roster of.
	 *
	 * @param cancelled the session was cancelled, or the patient removed from its roster
	 */
	public record RosteredSession(String sessionId, Instant startsAt, Instant endsAt, boolean cancelled) {
	}

	/** The latest attendance of the patient at one session. */
	public record Mark(String sessionId, AttendanceStatus status, int minutesAttended) {
	}

	/**
	 * @param from first local date of the window, inclusive
	 * @param to last local date of the window, inclusive
	 * @param now sessions that have not ended yet count neither as scheduled nor as
	 * unrecorded
	 */
	public static AttendanceSummary summarize(List<RosteredSession> sessions, Map<String, Mark> marks, LocalDate from,
			LocalDate to, ZoneId zone, Instant now) {
		int scheduled = 0;
		int attended = 0;
		int noShows = 0;
		int excused = 0;
		int unrecorded = 0;
		Map<String, BigDecimal> hoursByWeek = new TreeMap<>();
		Map<LocalDate, Integer> servicesPerDay = new TreeMap<>();
		List<RosteredSession> inWindow = sessions.stream()
			.filter((session) -> !session.cancelled())
			.filter((session) -> !session.endsAt().isAfter(now))
			.filter((session) -> within(localDate(session.startsAt(), zone), from, to))
			.sorted(Comparator.comparing(RosteredSession::startsAt).thenComparing(RosteredSession::sessionId))
			.toList();
		for (RosteredSession session : inWindow) {
			@Nullable Mark mark = marks.get(session.sessionId());
			if (mark != null && mark.status() == AttendanceStatus.CANCELLED_BY_PROGRAM) {
				continue;
			}
			scheduled++;
			if (mark == null) {
				unrecorded++;
				continue;
			}
			switch (mark.status()) {
				case ATTENDED, LATE, LEFT_EARLY -> {
					attended++;
					LocalDate day = localDate(session.startsAt(), zone);
					hoursByWeek.merge(isoWeek(day), hours(mark.minutesAttended()), BigDecimal::add);
					servicesPerDay.merge(day, 1, Integer::sum);
				}
				case NO_SHOW -> noShows++;
				case EXCUSED -> excused++;
				case CANCELLED_BY_PROGRAM -> throw new IllegalStateException("skipped above");
			}
		}
		return new AttendanceSummary(from, to, scheduled, attended, noShows, excused, unrecorded,
				AttendanceSummary.rate(attended, noShows), consecutiveNoShows(inWindow, marks), hoursByWeek,
				servicesPerDay);
	}

	/**
	 * Unexcused no-shows in a row from the latest recorded session back; excused and
	 * unrecorded are skipped.
	 */
	static int consecutiveNoShows(List<RosteredSession> oldestFirst, Map<String, Mark> marks) {
		int run = 0;
		for (int i = oldestFirst.size() - 1; i >= 0; i--) {
			@Nullable Mark mark = marks.get(oldestFirst.get(i).sessionId());
			if (mark == null) {
				continue;
			}
			if (mark.status() == AttendanceStatus.NO_SHOW) {
				run++;
			}
			else if (mark.status().present()) {
				break;
			}
		}
		return run;
	}

	/**
	 * ISO week of a local date, e.g. {@code 2026-W09}; the week-based year can differ
	 * from the calendar year.
	 */
	public static String isoWeek(LocalDate day) {
		return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
				day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	private static BigDecimal hours(int minutes) {
		return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
	}

	private static LocalDate localDate(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalDate();
	}

	private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
		return !day.isBefore(from) && !day.isAfter(to);
	}

}
