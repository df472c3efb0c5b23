package org.stepwise.plan.plans.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.stepwise.plan.progress.domain.Thresholds;

/**
 * The lighter schedule after discharge (docs/clinical-rules.md section 8, Recovery
 * Management Checkups, Dennis and Scott): a check-in every week for the first
 * {@code weeklyMonths}, then one a month; a brief check-up every
 * {@code checkUpEveryMonths}; after {@code lengthMonths} aftercare is over and the
 * patient is closed. Months are calendar months from the discharge day (a discharge on 31
 * January has its first monthly date on 28 or 29 February). Pure.
 *
 * @param weeklyMonths months of weekly check-ins (3)
 * @param checkUpEveryMonths months between check-ups (3)
 * @param lengthMonths months of aftercare before the patient is closed (12)
 */
public record AftercareSchedule(int weeklyMonths, int checkUpEveryMonths, int lengthMonths) {

	/**
	 * The published schedule: weekly for 3 months, then monthly; check-ups every 3 months
	 * for a year.
	 */
	public static final AftercareSchedule DEFAULT = new AftercareSchedule(3, 3, 12);

	/**
	 * A program's schedule: its thresholds {@code aftercareWeeklyMonths},
	 * {@code aftercareCheckUpEveryMonths} and {@code aftercareMonths}.
	 * @throws IllegalArgumentException when they are out of range
	 */
	public static AftercareSchedule of(Thresholds thresholds) {
		return new AftercareSchedule(thresholds.aftercareWeeklyMonths(), thresholds.aftercareCheckUpEveryMonths(),
				thresholds.aftercareMonths());
	}

	public AftercareSchedule {
		if (weeklyMonths < 0 || checkUpEveryMonths < 1 || lengthMonths < 1) {
			throw new IllegalArgumentException("aftercare schedule out of range");
		}
	}

	/**
	 * The day aftercare is over (the last check-up falls on it): the patient is closed.
	 */
	public LocalDate endsOn(LocalDate start) {
		return start.plusMonths(this.lengthMonths);
	}

	public boolean finished(LocalDate start, LocalDate today) {
		return !today.isBefore(endsOn(start));
	}

	/** The week of aftercare {@code today} is in, from 1 (the discharge week). */
	public long week(LocalDate start, LocalDate today) {
		return Math.max(0, ChronoUnit.DAYS.between(start, today)) / 7 + 1;
	}

	/** Every check-in day: weekly, then monthly, up to (not including) the end. */
	public List<LocalDate> checkInDays(LocalDate start) {
		LocalDate weeklyUntil = start.plusMonths(this.weeklyMonths);
		LocalDate end = endsOn(start);
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = start.plusWeeks(1); day.isBefore(weeklyUntil)
				&& day.isBefore(end); day = day.plusWeeks(1)) {
			days.add(day);
		}
		for (int month = Math.max(1, this.weeklyMonths); start.plusMonths(month).isBefore(end); month++) {
			days.add(start.plusMonths(month));
		}
		return days;
	}

	/** Every check-up day: every {@code checkUpEveryMonths}, the last on the end day. */
	public List<LocalDate> checkUpDays(LocalDate start) {
		List<LocalDate> days = new ArrayList<>();
		for (int month = this.checkUpEveryMonths; month <= this.lengthMonths; month += this.checkUpEveryMonths) {
			days.add(start.plusMonths(month));
		}
		return days;
	}

	/**
	 * The check-in due next: the first scheduled day after the day of the last check-in
	 * (or after the discharge day, before any). Before today it is overdue, an outreach
	 * prompt, never a risk of its own. Empty once no check-in is left.
	 */
	public Optional<LocalDate> nextCheckIn(LocalDate start, @Nullable LocalDate lastCheckIn) {
		LocalDate after = (lastCheckIn != null && lastCheckIn.isAfter(start)) ? lastCheckIn : start;
		return checkInDays(start).stream().filter((day) -> day.isAfter(after)).findFirst();
	}

	/**
	 * Where a patient in aftercare stands on {@code today}, with its words: "Aftercare,
	 * week 15: check-in due 2026-07-02" or, past the due day, "check-in overdue 3 days,
	 * reach out" (an outreach prompt, not a risk).
	 * @param lastCheckIn the day of the last check-in known (null: none since the start)
	 */
	public Status status(LocalDate start, @Nullable LocalDate lastCheckIn, LocalDate today) {
		LocalDate next = nextCheckIn(start, lastCheckIn).orElse(null);
		long overdue = (next != null && today.isAfter(next)) ? ChronoUnit.DAYS.between(next, today) : 0;
		long week = week(start, today);
		String checkIn = (next == null) ? "no check-in left"
				: (overdue > 0) ? "check-in overdue " + overdue + ((overdue == 1) ? " day" : " days") + ", reach out"
						: "check-in due " + next;
		return new Status(start, week, next, overdue, nextCheckUp(start, today).orElse(null), endsOn(start),
				"Aftercare, week " + week + ": " + checkIn);
	}

	/**
	 * @param nextCheckInOn the check-in due next (null when none is left)
	 * @param checkInOverdueDays days past it; 0 on or before it
	 * @param nextCheckUpOn the next check-up on or after today (null when none is left)
	 * @param endsOn the day aftercare ends and the patient is closed
	 */
	public record Status(LocalDate since, long week, @Nullable LocalDate nextCheckInOn, long checkInOverdueDays,
			@Nullable LocalDate nextCheckUpOn, LocalDate endsOn, String words) {
	}

	/** The next check-up on or after today; empty once aftercare is over. */
	public Optional<LocalDate> nextCheckUp(LocalDate start, LocalDate today) {
		return checkUpDays(start).stream().filter((day) -> !day.isBefore(today)).findFirst();
	}

}
