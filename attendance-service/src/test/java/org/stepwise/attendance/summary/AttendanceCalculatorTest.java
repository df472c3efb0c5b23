package org.stepwise.attendance.summary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.attendance.summary.AttendanceCalculator.Mark;
import org.stepwise.attendance.summary.AttendanceCalculator.RosteredSession;
import org.stepwise.contracts.attendance.AttendanceStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.attendance.AttendanceStatus.ATTENDED;
import static org.stepwise.contracts.attendance.AttendanceStatus.CANCELLED_BY_PROGRAM;
import static org.stepwise.contracts.attendance.AttendanceStatus.EXCUSED;
import static org.stepwise.contracts.attendance.AttendanceStatus.LATE;
import static org.stepwise.contracts.attendance.AttendanceStatus.NO_SHOW;

class AttendanceCalculatorTest {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");

	final List<RosteredSession> sessions = new ArrayList<>();

	final Map<String, Mark> marks = new HashMap<>();

	/**
	 * A three-hour session starting at the given instant, with the given mark (null:
	 * unrecorded).
	 */
	void session(String start, AttendanceStatus status, int minutes) {
		String id = "s" + this.sessions.size();
		Instant startsAt = Instant.parse(start);
		this.sessions.add(new RosteredSession(id, startsAt, startsAt.plusSeconds(3 * 3600), false));
		if (status != null) {
			this.marks.put(id, new Mark(id, status, minutes));
		}
	}

	AttendanceSummary summary(String from, String to) {
		return AttendanceCalculator.summarize(this.sessions, this.marks, LocalDate.parse(from), LocalDate.parse(to),
				CHICAGO, NOW);
	}

	@Test
	void countsRateAndRunOfNoShows() {
		session("2026-03-02T00:00:00Z", ATTENDED, 180);
		session("2026-03-03T00:00:00Z", LATE, 150);
		session("2026-03-04T00:00:00Z", EXCUSED, 0);
		session("2026-03-05T00:00:00Z", NO_SHOW, 0);
		session("2026-03-06T00:00:00Z", NO_SHOW, 0);
		session("2026-03-07T00:00:00Z", CANCELLED_BY_PROGRAM, 0);
		session("2026-03-08T00:00:00Z", null, 0);

		AttendanceSummary summary = summary("2026-03-01", "2026-03-31");

		assertThat(summary.scheduled()).isEqualTo(6);
		assertThat(summary.attended()).isEqualTo(2);
		assertThat(summary.noShows()).isEqualTo(2);
		assertThat(summary.excused()).isEqualTo(1);
		assertThat(summary.unrecorded()).isEqualTo(1);
		assertThat(summary.attendanceRate()).isEqualByComparingTo("0.5");
		assertThat(summary.consecutiveNoShows()).isEqualTo(2);
	}

	@Test
	void nothingRecordedHasNoRateRatherThanZero() {
		session("2026-03-02T00:00:00Z", null, 0);
		assertThat(summary("2026-03-01", "2026-03-31").attendanceRate()).isNull();
		assertThat(summary("2026-03-01", "2026-03-31").unrecorded()).isEqualTo(1);
	}

	@Test
	void sessionsNotOverYetAndCancelledSessionsAreNotScheduled() {
		session("2026-03-31T23:00:00Z", null, 0);
		this.sessions.add(new RosteredSession("cancelled", Instant.parse("2026-03-10T00:00:00Z"),
				Instant.parse("2026-03-10T03:00:00Z"), true));
		assertThat(summary("2026-03-01", "2026-04-30").scheduled()).isZero();
	}

	@Test
	void deliveredHoursAreSummedPerIsoWeekOfTheLocalDateAcrossDaylightSavingTime() {
		// Sunday 2026-03-08 23:30 CDT is 2026-03-09T04:30Z: still ISO week 10 in Chicago,
		// week 11 in UTC.
		session("2026-03-09T04:30:00Z", ATTENDED, 90);
		// Monday 2026-03-02 18:00 CST (week 10) and Monday 2026-03-09 18:00 CDT (week
		// 11).
		session("2026-03-03T00:00:00Z", ATTENDED, 180);
		session("2026-03-09T23:00:00Z", LATE, 170);

		AttendanceSummary summary = summary("2026-03-01", "2026-03-31");

		assertThat(summary.deliveredHoursByWeek()).containsOnlyKeys("2026-W10", "2026-W11");
		assertThat(summary.deliveredHoursByWeek().get("2026-W10")).isEqualByComparingTo("4.50");
		assertThat(summary.deliveredHoursByWeek().get("2026-W11")).isEqualByComparingTo("2.83");
		assertThat(summary.servicesPerDay()).containsEntry(LocalDate.parse("2026-03-08"), 1)
			.containsEntry(LocalDate.parse("2026-03-02"), 1)
			.containsEntry(LocalDate.parse("2026-03-09"), 1);
	}

	@Test
	void fallBackWeekHasItsExtraHourAndTheWindowUsesLocalDates() {
		ZoneId zone = CHICAGO;
		// DST ends Sunday 2026-11-01; a 01:30 session that day happens twice on the clock
		// but once here.
		this.sessions.add(new RosteredSession("a", Instant.parse("2026-11-01T06:30:00Z"),
				Instant.parse("2026-11-01T08:30:00Z"), false));
		this.marks.put("a", new Mark("a", ATTENDED, 120));
		this.sessions.add(new RosteredSession("b", Instant.parse("2026-11-02T04:00:00Z"),
				Instant.parse("2026-11-02T05:00:00Z"), false));
		this.marks.put("b", new Mark("b", ATTENDED, 60));

		AttendanceSummary summary = AttendanceCalculator.summarize(this.sessions, this.marks,
				LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"), zone,
				Instant.parse("2026-12-01T00:00:00Z"));

		// Session b starts 2026-11-01 22:00 CST: the same local date.
		assertThat(summary.attended()).isEqualTo(2);
		assertThat(summary.deliveredHoursByWeek()).containsOnly(Map.entry("2026-W44", new BigDecimal("3.00")));
	}

	@Test
	void isoWeeksUseTheWeekBasedYear() {
		assertThat(AttendanceCalculator.isoWeek(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
		assertThat(AttendanceCalculator.isoWeek(LocalDate.parse("2026-01-01"))).isEqualTo("2026-W01");
	}

}
