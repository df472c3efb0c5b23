package org.stepwise.attendance.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * Attendance of one patient at one session. The id is the natural key
 * {@code sessionId/patientId}, so a second record for the same pair cannot be stored.
 */
@Document("attendance")
public record AttendanceRecord(@Id String id, String sessionId, String programId, String patientId,
		SessionType sessionType, AttendanceStatus status, int minutesAttended, int sessionMinutes, Instant occurredAt,
		Instant recordedAt, @JsonIgnore @Version Long version, @JsonIgnore List<OutboxEntry> outbox) {

	public AttendanceRecord {
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	public static String idOf(String sessionId, String patientId) {
		return sessionId + "/" + patientId;
	}

}
