package org.stepwise.attendance.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A patient's attendance over a window of days in the program's time zone.
 *
 * @param scheduled sessions the patient was expected at (not cancelled, not cancelled by
 * the program)
 * @param attended present for at least part of the session (attended, late, left early)
 * @param noShows unexcused absences
 * @param unrecorded ended sessions whose attendance nobody recorded yet: not counted as
 * no-shows
 * @param attendanceRate attended / (attended + no-shows), null when nothing is recorded
 * yet; excused and unrecorded sessions count neither way
 * @param consecutiveNoShows unexcused no-shows in a row, counted back from the latest
 * recorded session (excused absences neither count nor break the run)
 * @param deliveredHoursByWeek hours attended per ISO week of the session's local date,
 * e.g. {@code 2026-W10}
 * @param servicesPerDay sessions attended per local date
 */
public record AttendanceSummary(LocalDate from, LocalDate to, int scheduled, int attended, int noShows, int excused,
		int unrecorded, @Nullable BigDecimal attendanceRate, int consecutiveNoShows,
		Map<String, BigDecimal> deliveredHoursByWeek, Map<LocalDate, Integer> servicesPerDay) {

	static @Nullable BigDecimal rate(int attended, int noShows) {
		int recorded = attended + noShows;
		return (recorded == 0) ? null
				: BigDecimal.valueOf(attended).divide(BigDecimal.valueOf(recorded), 4, RoundingMode.HALF_UP);
	}

}
