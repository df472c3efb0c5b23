package org.stepwise.attendance.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

/** What changes; absent fields keep their value. */
public record RescheduleRequest(
		@Nullable @PlausibleTime(daysAhead = ScheduleSessionRequest.DAYS_AHEAD) Instant startsAt,
		@Nullable @PlausibleTime(daysAhead = ScheduleSessionRequest.DAYS_AHEAD) Instant endsAt,
		@Nullable @Identifier String facilitatorId) {
}
