package org.stepwise.contracts.attendance;

import java.time.Instant;

/**
 * A correction of an earlier attendance record; it replaces the record's status and
 * minutes. {@code revision} grows with each correction so consumers keep the latest
 * whatever the arrival order.
 */
public record AttendanceCorrected(String recordId, String sessionId, String programId, String patientId,
		SessionType sessionType, AttendanceStatus previousStatus, AttendanceStatus status, int minutesAttended,
		int sessionMinutes, int revision, String correctedBy, Instant occurredAt,
		Instant recordedAt) implements AttendanceEvent {
}
