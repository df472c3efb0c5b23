package org.stepwise.attendance.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * A correction. Who corrected is the caller of the token; a {@code correctedBy} sent by
 * older clients is ignored.
 */
@JsonIgnoreProperties("correctedBy")
public record CorrectAttendanceRequest(@NotNull AttendanceStatus status,
		@NotNull @Min(0) @Max(1440) Integer minutesAttended, @NotNull CorrectionReason reason) {
}
