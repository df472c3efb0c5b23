package org.stepwise.contracts.attendance;

import java.time.Instant;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * A correction of an earlier attendance record; it replaces the record's status and
 * minutes. {@code revision} grows with each correction so consumers keep the latest
 * whatever the arrival order.
 */
public record AttendanceCorrected(String recordId, String sessionId, @Identifier String programId,
		@Identifier String patientId, SessionType sessionType, AttendanceStatus previousStatus, AttendanceStatus status,
		@Range(min = 0, max = 1440) int minutesAttended, @Range(min = 0, max = 1440) int sessionMinutes,
		@Range(min = 0) int revision, String correctedBy, Instant occurredAt,
		Instant recordedAt) implements AttendanceEvent {
}
