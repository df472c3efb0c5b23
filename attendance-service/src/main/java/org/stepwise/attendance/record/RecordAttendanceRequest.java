package org.stepwise.attendance.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.stepwise.contracts.attendance.AttendanceStatus;

public record RecordAttendanceRequest(@NotBlank @Size(max = 64) String patientId, @NotNull AttendanceStatus status,
		@Min(0) @Max(1440) int minutesAttended) {
}
