package org.stepwise.contracts.attendance;

import java.time.Instant;

import org.stepwise.contracts.Identifier;

/**
 * A session was scheduled with this patient on its roster (one event per rostered
 * patient).
 */
public record SessionScheduled(String sessionId, @Identifier String programId, @Identifier String patientId,
		SessionType sessionType, Modality modality, Instant startsAt, Instant endsAt, String facilitatorId,
		Instant recordedAt) implements AttendanceEvent {
}
