package org.stepwise.attendance.session;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;

/**
 * One session.
 *
 * @param startsAt an RFC 3339 time from 2000 to {@value #DAYS_AHEAD} days ahead
 */
public record ScheduleSessionRequest(@NotBlank @Identifier String programId, @NotNull SessionType sessionType,
		@NotNull Modality modality, @NotNull @PlausibleTime(daysAhead = DAYS_AHEAD) Instant startsAt,
		@NotNull @PlausibleTime(daysAhead = DAYS_AHEAD) Instant endsAt, @NotBlank @Identifier String facilitatorId,
		@NotNull @Size(min = 1, max = 100) List<@NotBlank @Identifier String> roster) {

	/** Sessions are scheduled at most about two years ahead. */
	public static final long DAYS_AHEAD = 731;

}
