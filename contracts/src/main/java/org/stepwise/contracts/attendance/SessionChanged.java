package org.stepwise.contracts.attendance;

import java.time.Instant;

/**
 * A session this patient is rostered on was rescheduled or changed; the fields are the
 * new values.
 */
public record SessionChanged(String sessionId, String programId, String patientId, SessionType sessionType,
		Modality modality, Instant startsAt, Instant endsAt, String facilitatorId,
		Instant recordedAt) implements AttendanceEvent {
}
