package org.stepwise.alert.timeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One point of a patient's timeline for the console: a PHQ-9, GAD-7 or EDE-QS total, a
 * check-in, an attendance record, or a weight and heart rate, at its clinical time. Fed
 * by the assessments, check-ins and attendance topics.
 *
 * @param id the assessment id, or the attendance record id (so a correction replaces the
 * record it corrects)
 * @param type {@code PHQ9}, {@code GAD7}, {@code EDEQS}, {@code ATTENDANCE},
 * {@value #CHECK_IN} or {@value #VITALS}
 * @param total the instrument total; null for attendance
 * @param status the attendance status; null for assessments
 * @param revision orders corrections of one attendance record (0 = as first recorded)
 * @param craving a check-in's craving (0-10); null for other entries
 * @param mood a check-in's mood (0-10); null for other entries
 * @param confidence a check-in's confidence of staying abstinent (0-10), when asked; null
 * otherwise
 * @param weightKg a measurement's weight (eating-disorder programs); null otherwise
 * @param heartRatePerMin a measurement's heart rate; null otherwise
 * @param timeOfDay DAY or NIGHT with a heart rate (their thresholds differ); null
 * otherwise
 */
@Document("timeline")
@CompoundIndex(name = "patient_at", def = "{'patientId': 1, 'at': 1}")
public record TimelineEntry(@Id String id, @Indexed String patientId, String programId, String type,
		@Nullable Integer total, @Nullable String status, @Nullable Boolean present, int revision, Instant at,
		@Nullable Integer craving, @Nullable Integer mood, @Nullable Integer confidence, @Nullable Double weightKg,
		@Nullable Integer heartRatePerMin, @Nullable String timeOfDay) {

	/** The type of a check-in entry. */
	public static final String CHECK_IN = "CHECK_IN";

	/** The type of a weight and vitals entry. */
	public static final String VITALS = "VITALS";

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
		this(id, patientId, programId, type, total, status, present, revision, at, null, null, null, null, null, null);
	}

	/** A daily check-in's craving, mood and confidence. */
	static TimelineEntry checkIn(String id, String patientId, String programId, Instant at, int craving, int mood,
			@Nullable Integer confidence) {
		return new TimelineEntry(id, patientId, programId, CHECK_IN, null, null, null, 0, at, craving, mood, confidence,
				null, null, null);
	}

	/** A measurement's weight and heart rate, either of them possibly absent. */
	static TimelineEntry vitals(String id, String patientId, String programId, Instant at, @Nullable Double weightKg,
			@Nullable Integer heartRatePerMin, @Nullable String timeOfDay) {
		return new TimelineEntry(id, patientId, programId, VITALS, null, null, null, 0, at, null, null, null, weightKg,
				heartRatePerMin, timeOfDay);
	}

}
