package org.stepwise.attendance.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * Attendance of one patient at one session. The id is the natural key
 * {@code sessionId/patientId}, so a second record for the same pair cannot be stored; a
 * change goes through a correction, kept with who made it and why.
 *
 * @param revision 0 as recorded, +1 per correction
 */
@Document("attendance")
// Spring Data's optimistic-lock save filters on {_id, version}: the embedded
// store uses an index only when its keys equal the filter's, and implements
// unique ones only, so without this each save scans the collection (measured:
// 10 ms against 0.4 ms on 10,000 documents). On MongoDB it is merely redundant.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'occurredAt': 1}")
@CompoundIndex(name = "session", def = "{'sessionId': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record AttendanceRecord(@Id String id, String sessionId, String programId, String patientId,
		SessionType sessionType, AttendanceStatus status, int minutesAttended, int sessionMinutes, Instant occurredAt,
		Instant recordedAt, int revision, List<Correction> corrections, @JsonIgnore @Version @Nullable Long version,
		@JsonIgnore List<OutboxEntry> outbox) {

	public AttendanceRecord {
		corrections = List.copyOf(corrections == null ? List.of() : corrections);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	public static String idOf(String sessionId, String patientId) {
		return sessionId + "/" + patientId;
	}

	/**
	 * Why a record was corrected: a code, never free text (it travels into audit and
	 * events).
	 */
	public enum CorrectionReason {

		DATA_ENTRY_ERROR, LATE_DOCUMENTATION, EXCUSE_RECEIVED, OTHER

	}

	/** One correction: what it was before, who changed it, why and when. */
	public record Correction(AttendanceStatus previousStatus, int previousMinutes, AttendanceStatus status,
			int minutesAttended, String correctedBy, CorrectionReason reason, Instant correctedAt,
			@JsonIgnore @Nullable String idempotencyKey) {
	}

	/** When it was recorded or last corrected. */
	public Instant lastUpdated() {
		return this.corrections.isEmpty() ? this.recordedAt
				: this.corrections.get(this.corrections.size() - 1).correctedAt();
	}

	boolean hasCorrection(String idempotencyKey) {
		return this.corrections.stream().anyMatch((c) -> idempotencyKey.equals(c.idempotencyKey()));
	}

	AttendanceRecord corrected(Correction correction, OutboxEntry event) {
		List<Correction> history = new ArrayList<>(this.corrections);
		history.add(correction);
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.add(event);
		return new AttendanceRecord(this.id, this.sessionId, this.programId, this.patientId, this.sessionType,
				correction.status(), correction.minutesAttended(), this.sessionMinutes, this.occurredAt,
				this.recordedAt, this.revision + 1, history, this.version, pending);
	}

}
