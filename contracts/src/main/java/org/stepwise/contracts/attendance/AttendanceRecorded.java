package org.stepwise.contracts.attendance;

import java.time.Instant;

/**
 * Attendance of one patient at one session.
 *
 * @param occurredAt clinical time: when the session started
 * @param recordedAt when Stepwise learned of it
 */
public record AttendanceRecorded(String recordId, String sessionId, String programId, String patientId,
		SessionType sessionType, AttendanceStatus status, int minutesAttended, int sessionMinutes, Instant occurredAt,
		Instant recordedAt) implements AttendanceEvent {
}
