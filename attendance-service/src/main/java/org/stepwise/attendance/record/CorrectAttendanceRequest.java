package org.stepwise.attendance.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.contracts.attendance.AttendanceStatus;

public record CorrectAttendanceRequest(@NotNull AttendanceStatus status,
		@NotNull @Min(0) @Max(1440) Integer minutesAttended, @NotBlank @Size(max = 64) String correctedBy,
		@NotNull CorrectionReason reason) {
}
