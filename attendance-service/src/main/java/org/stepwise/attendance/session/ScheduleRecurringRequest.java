package org.stepwise.attendance.session;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.stepwise.attendance.schedule.WeeklySchedule;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.web.Identifier;

/**
 * A weekly schedule, e.g. Mon/Wed/Thu 18:00-21:00 for 12 weeks, in the program's time
 * zone.
 *
 * @param zone an IANA time zone id, e.g. {@code America/Chicago}
 */
public record ScheduleRecurringRequest(@NotBlank @Identifier String programId, @NotNull SessionType sessionType,
		@NotNull Modality modality, @NotEmpty Set<DayOfWeek> days, @NotNull LocalTime start, @NotNull LocalTime end,
		@NotBlank String zone, @NotNull LocalDate firstDay, @Min(1) @Max(WeeklySchedule.MAX_WEEKS) int weeks,
		@NotBlank @Identifier String facilitatorId,
		@NotNull @Size(min = 1, max = 100) List<@NotBlank @Identifier String> roster) {

	/**
	 * @throws IllegalArgumentException for an unknown zone or an impossible schedule
	 */
	WeeklySchedule schedule() {
		try {
			return new WeeklySchedule(this.days, this.start, this.end, ZoneId.of(this.zone), this.firstDay, this.weeks);
		}
		catch (java.time.DateTimeException ex) {
			throw new IllegalArgumentException("zone must be an IANA time zone id, e.g. America/Chicago");
		}
	}

	/**
	 * The template each occurrence is scheduled from (times come from the occurrence).
	 */
	ScheduleSessionRequest single() {
		return new ScheduleSessionRequest(this.programId, this.sessionType, this.modality, null, null,
				this.facilitatorId, this.roster);
	}

}
