package org.stepwise.contracts.attendance;

import java.time.Instant;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * Attendance of one patient at one session.
 *
 * @param occurredAt clinical time: when the session started
 * @param recordedAt when Stepwise learned of it
 */
public record AttendanceRecorded(String recordId, String sessionId, @Identifier String programId,
		@Identifier String patientId, SessionType sessionType, AttendanceStatus status,
		@Range(min = 0, max = 1440) int minutesAttended, @Range(min = 0, max = 1440) int sessionMinutes,
		Instant occurredAt, Instant recordedAt) implements AttendanceEvent {
}
