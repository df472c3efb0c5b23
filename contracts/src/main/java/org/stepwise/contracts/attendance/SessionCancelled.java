package org.stepwise.contracts.attendance;

import java.time.Instant;

import org.stepwise.contracts.Identifier;

/**
 * A session was cancelled, or this patient was removed from its roster
 * ({@code removedFromRoster}); either way it no longer counts as scheduled for the
 * patient.
 */
public record SessionCancelled(String sessionId, @Identifier String programId, @Identifier String patientId,
		Instant startsAt, boolean removedFromRoster, Instant recordedAt) implements AttendanceEvent {
}
