package org.stepwise.plan.plans.domain;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aftercare calendar, worked examples from a discharge on Monday 2 March 2026. */
class AftercareScheduleTest {

	private static final LocalDate DISCHARGED = LocalDate.of(2026, 3, 2);

	private final AftercareSchedule schedule = AftercareSchedule.DEFAULT;

	@Test
	void weeklyCheckInsForThreeMonthsThenMonthlyUntilTheYearIsOver() {
		// 13 weekly ones (9 March .. 1 June: 2 June is three months), then the
		// 2nd of each month from June to February; 2 March 2027 closes
		assertThat(this.schedule.checkInDays(DISCHARGED)).hasSize(13 + 9)
			.startsWith(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 16))
			.contains(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2), LocalDate.of(2026, 7, 2))
			.doesNotContain(LocalDate.of(2026, 6, 8))
			.endsWith(LocalDate.of(2027, 2, 2));
	}

	@Test
	void aCheckUpEveryThreeMonthsForAYear() {
		assertThat(this.schedule.checkUpDays(DISCHARGED)).containsExactly(LocalDate.of(2026, 6, 2),
				LocalDate.of(2026, 9, 2), LocalDate.of(2026, 12, 2), LocalDate.of(2027, 3, 2));
		assertThat(this.schedule.nextCheckUp(DISCHARGED, LocalDate.of(2026, 6, 3))).contains(LocalDate.of(2026, 9, 2));
		assertThat(this.schedule.nextCheckUp(DISCHARGED, LocalDate.of(2026, 9, 2))).contains(LocalDate.of(2026, 9, 2));
		assertThat(this.schedule.nextCheckUp(DISCHARGED, LocalDate.of(2027, 3, 3))).isEmpty();
	}

	@Test
	void theNextCheckInIsTheFirstScheduledDayAfterTheLastOne() {
		assertThat(this.schedule.nextCheckIn(DISCHARGED, null)).contains(LocalDate.of(2026, 3, 9));
		// a check-in a day late counts for that week: the next is the following week's
		assertThat(this.schedule.nextCheckIn(DISCHARGED, LocalDate.of(2026, 3, 10)))
			.contains(LocalDate.of(2026, 3, 16));
		// the last weekly one, then the first monthly one
		assertThat(this.schedule.nextCheckIn(DISCHARGED, LocalDate.of(2026, 6, 1))).contains(LocalDate.of(2026, 6, 2));
		assertThat(this.schedule.nextCheckIn(DISCHARGED, LocalDate.of(2026, 6, 3))).contains(LocalDate.of(2026, 7, 2));
		// a check-in from before the discharge does not count
		assertThat(this.schedule.nextCheckIn(DISCHARGED, LocalDate.of(2026, 2, 20))).contains(LocalDate.of(2026, 3, 9));
		assertThat(this.schedule.nextCheckIn(DISCHARGED, LocalDate.of(2027, 2, 2))).isEmpty();
	}

	@Test
	void weeksCountFromTheDischargeWeekAndTheYearEndsOnItsAnniversary() {
		assertThat(this.schedule.week(DISCHARGED, DISCHARGED)).isEqualTo(1);
		assertThat(this.schedule.week(DISCHARGED, LocalDate.of(2026, 3, 8))).isEqualTo(1);
		assertThat(this.schedule.week(DISCHARGED, LocalDate.of(2026, 4, 1))).as("30 days in").isEqualTo(5);
		assertThat(this.schedule.endsOn(DISCHARGED)).isEqualTo(LocalDate.of(2027, 3, 2));
		assertThat(this.schedule.finished(DISCHARGED, LocalDate.of(2027, 3, 1))).isFalse();
		assertThat(this.schedule.finished(DISCHARGED, LocalDate.of(2027, 3, 2))).isTrue();
	}

	@Test
	void theStatusSaysTheWeekAndTheNextCheckInAndPromptsOutreachWhenItIsLate() {
		// the last check-in on 3 June: the next is due on 2 July
		AftercareSchedule.Status onTime = this.schedule.status(DISCHARGED, LocalDate.of(2026, 6, 3),
				LocalDate.of(2026, 6, 20));
		assertThat(onTime.week()).isEqualTo(16);
		assertThat(onTime.nextCheckInOn()).isEqualTo(LocalDate.of(2026, 7, 2));
		assertThat(onTime.checkInOverdueDays()).isZero();
		assertThat(onTime.nextCheckUpOn()).isEqualTo(LocalDate.of(2026, 9, 2));
		assertThat(onTime.endsOn()).isEqualTo(LocalDate.of(2027, 3, 2));
		assertThat(onTime.words()).isEqualTo("Aftercare, week 16: check-in due 2026-07-02");
		// due today is not late yet; three days later it is
		assertThat(this.schedule.status(DISCHARGED, LocalDate.of(2026, 6, 3), LocalDate.of(2026, 7, 2)).words())
			.isEqualTo("Aftercare, week 18: check-in due 2026-07-02");
		AftercareSchedule.Status late = this.schedule.status(DISCHARGED, LocalDate.of(2026, 6, 3),
				LocalDate.of(2026, 7, 5));
		assertThat(late.checkInOverdueDays()).isEqualTo(3);
		assertThat(late.words()).isEqualTo("Aftercare, week 18: check-in overdue 3 days, reach out");
		// no check-in since the discharge: the first weekly one was due on 9 March
		assertThat(this.schedule.status(DISCHARGED, null, LocalDate.of(2026, 3, 10)).words())
			.isEqualTo("Aftercare, week 2: check-in overdue 1 day, reach out");
	}

	@Test
	void monthsAreCalendarMonthsFromTheDischargeDay() {
		LocalDate endOfJanuary = LocalDate.of(2026, 1, 31);
		assertThat(this.schedule.checkUpDays(endOfJanuary)).startsWith(LocalDate.of(2026, 4, 30),
				LocalDate.of(2026, 7, 31));
		assertThat(new AftercareSchedule(1, 3, 12).checkInDays(endOfJanuary)).contains(LocalDate.of(2026, 2, 28),
				LocalDate.of(2026, 3, 31));
	}

	@Test
	void aProgramSetsItsOwnScheduleByItsThresholds() {
		assertThat(AftercareSchedule.of(Thresholds.DEFAULTS)).isEqualTo(AftercareSchedule.DEFAULT);
		AftercareSchedule sixMonths = AftercareSchedule.of(Thresholds.DEFAULTS.withOverrides(
				Map.of("aftercareWeeklyMonths", "1", "aftercareCheckUpEveryMonths", "2", "aftercareMonths", "6")));
		// weekly until 2 April, then the 2nd of each month; closed on 2 September
		assertThat(sixMonths.checkInDays(DISCHARGED)).containsExactly(LocalDate.of(2026, 3, 9),
				LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 23), LocalDate.of(2026, 3, 30),
				LocalDate.of(2026, 4, 2), LocalDate.of(2026, 5, 2), LocalDate.of(2026, 6, 2), LocalDate.of(2026, 7, 2),
				LocalDate.of(2026, 8, 2));
		assertThat(sixMonths.checkUpDays(DISCHARGED)).containsExactly(LocalDate.of(2026, 5, 2),
				LocalDate.of(2026, 7, 2), LocalDate.of(2026, 9, 2));
		assertThat(sixMonths.endsOn(DISCHARGED)).isEqualTo(LocalDate.of(2026, 9, 2));
		// no program can make aftercare end before it starts
		assertThatThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("aftercareMonths", "0")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("aftercareMonths");
	}

}
