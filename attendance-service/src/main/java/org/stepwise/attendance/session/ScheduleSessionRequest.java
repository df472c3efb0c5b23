package org.stepwise.attendance.session;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;

public record ScheduleSessionRequest(@NotBlank @Size(max = 64) String programId, @NotNull SessionType sessionType,
		@NotNull Modality modality, @NotNull Instant startsAt, @NotNull Instant endsAt,
		@NotBlank @Size(max = 64) String facilitatorId,
		@NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> roster) {
}
