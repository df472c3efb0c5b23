package org.stepwise.contracts.attendance;

import java.time.Instant;

import org.stepwise.contracts.Identifier;

/**
 * A session this patient is rostered on was rescheduled or changed; the fields are the
 * new values.
 */
public record SessionChanged(String sessionId, @Identifier String programId, @Identifier String patientId,
		SessionType sessionType, Modality modality, Instant startsAt, Instant endsAt, String facilitatorId,
		Instant recordedAt) implements AttendanceEvent {
}
