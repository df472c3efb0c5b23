package org.stepwise.alert.timeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One point of a patient's timeline for the console: a PHQ-9 or GAD-7 total, or an
 * attendance record, at its clinical time. Fed by the assessments and attendance topics.
 *
 * @param id the assessment id, or the attendance record id (so a correction replaces the
 * record it corrects)
 * @param type {@code PHQ9}, {@code GAD7}, {@code ATTENDANCE} or {@value #CHECK_IN}
 * @param total the instrument total; null for attendance
 * @param status the attendance status; null for assessments
 * @param revision orders corrections of one attendance record (0 = as first recorded)
 * @param craving a check-in's craving (0-10); null for other entries
 * @param mood a check-in's mood (0-10); null for other entries
 * @param confidence a check-in's confidence of staying abstinent (0-10), when asked; null
 * otherwise
 */
@Document("timeline")
@CompoundIndex(name = "patient_at", def = "{'patientId': 1, 'at': 1}")
public record TimelineEntry(@Id String id, @Indexed String patientId, String programId, String type,
		@Nullable Integer total, @Nullable String status, @Nullable Boolean present, int revision, Instant at,
		@Nullable Integer craving, @Nullable Integer mood, @Nullable Integer confidence) {

	/** The type of a check-in entry. */
	public static final String CHECK_IN = "CHECK_IN";

	/**
	 * The store reads every entry with all its fields (older ones have no check-in
	 * fields).
	 */
	@PersistenceCreator
	public TimelineEntry {
	}

	/** An assessment total or an attendance record. */
	public TimelineEntry(String id, String patientId, String programId, String type, @Nullable Integer total,
			@Nullable String status, @Nullable Boolean present, int revision, Instant at) {
		this(id, patientId, programId, type, total, status, present, revision, at, null, null, null);
	}

	/** A daily check-in's craving, mood and confidence. */
	static TimelineEntry checkIn(String id, String patientId, String programId, Instant at, int craving, int mood,
			@Nullable Integer confidence) {
		return new TimelineEntry(id, patientId, programId, CHECK_IN, null, null, null, 0, at, craving, mood,
				confidence);
	}

}
