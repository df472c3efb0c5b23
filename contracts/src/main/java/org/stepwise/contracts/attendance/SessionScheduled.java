package org.stepwise.contracts.attendance;

import java.time.Instant;

/**
 * A session was scheduled with this patient on its roster (one event per rostered
 * patient).
 */
public record SessionScheduled(String sessionId, String programId, String patientId, SessionType sessionType,
		Modality modality, Instant startsAt, Instant endsAt, String facilitatorId,
		Instant recordedAt) implements AttendanceEvent {
}
