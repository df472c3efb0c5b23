package org.stepwise.attendance.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.attendance.schedule.WeeklySchedule.Occurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklyScheduleTest {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Test
	void monWedThuEveningsForTwelveWeeksAreThirtySixSessions() {
		WeeklySchedule schedule = new WeeklySchedule(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
				LocalTime.of(18, 0), LocalTime.of(21, 0), CHICAGO, LocalDate.parse("2026-01-05"), 12);
		List<Occurrence> sessions = schedule.expand();
		assertThat(sessions).hasSize(36);
		assertThat(sessions.get(0).startsAt()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
		assertThat(sessions)
			.allSatisfy((s) -> assertThat(s.startsAt().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(18, 0)));
	}

	@Test
	void wallClockTimesStayTheSameAcrossDaylightSavingTime() {
		// DST starts Sunday 2026-03-08 in Chicago: 18:00 is 00:00Z before, 23:00Z after.
		WeeklySchedule schedule = new WeeklySchedule(Set.of(DayOfWeek.MONDAY), LocalTime.of(18, 0), LocalTime.of(21, 0),
				CHICAGO, LocalDate.parse("2026-03-02"), 2);
		assertThat(schedule.expand()).extracting(Occurrence::startsAt)
			.containsExactly(Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-09T23:00:00Z"));
		assertThat(schedule.expand())
			.allSatisfy((s) -> assertThat(java.time.Duration.between(s.startsAt(), s.endsAt())).hasHours(3));
	}

	@Test
	void aSessionInTheSpringForwardGapStillHappens() {
		WeeklySchedule schedule = new WeeklySchedule(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(4, 0),
				CHICAGO, LocalDate.parse("2026-03-08"), 1);
		assertThat(schedule.expand()).singleElement()
			.satisfies((s) -> assertThat(s.startsAt().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(3, 30)));
	}

	@Test
	void nonsenseSchedulesAreRejected() {
		assertThatThrownBy(() -> new WeeklySchedule(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT.minusMinutes(1),
				CHICAGO, LocalDate.now(), 1))
			.hasMessageContaining("at least one day");
		assertThatThrownBy(() -> new WeeklySchedule(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.NOON, CHICAGO,
				LocalDate.now(), 1))
			.hasMessageContaining("end after");
		assertThatThrownBy(() -> new WeeklySchedule(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.of(13, 0),
				CHICAGO, LocalDate.now(), 53))
			.hasMessageContaining("weeks");
	}

}
