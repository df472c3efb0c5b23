package org.stepwise.attendance.session;

import java.time.Instant;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** What changes; absent fields keep their value. */
public record RescheduleRequest(@Nullable Instant startsAt, @Nullable Instant endsAt,
		@Nullable @Size(min = 1, max = 64) String facilitatorId) {
}
