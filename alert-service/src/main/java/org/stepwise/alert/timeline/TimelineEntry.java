package org.stepwise.alert.timeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One point of a patient's timeline for the console: a PHQ-9 or GAD-7 total, or an
 * attendance record, at its clinical time. Fed by the assessments and attendance topics.
 *
 * @param id the assessment id, or the attendance record id (so a correction replaces the
 * record it corrects)
 * @param type {@code PHQ9}, {@code GAD7} or {@code ATTENDANCE}
 * @param total the instrument total; null for attendance
 * @param status the attendance status; null for assessments
 * @param revision orders corrections of one attendance record (0 = as first recorded)
 */
@Document("timeline")
@CompoundIndex(name = "patient_at", def = "{'patientId': 1, 'at': 1}")
public record TimelineEntry(@Id String id, @Indexed String patientId, String programId, String type,
		@Nullable Integer total, @Nullable String status, @Nullable Boolean present, int revision, Instant at) {
}
