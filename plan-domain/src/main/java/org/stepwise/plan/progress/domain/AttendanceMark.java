package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;

/**
 * The latest known status of one attendance record. {@code revision} orders corrections
 * of the same record, so the fold keeps the right one whatever the arrival order (ties,
 * which a correct source never produces, fall back to the other fields so the choice is
 * still deterministic).
 *
 * @param sessionType the kind of session (S13 reads family sessions); null in marks
 * stored before it was kept
 */
public record AttendanceMark(String recordId, String sessionId, AttendanceStatus status, int minutesAttended,
		Instant occurredAt, int revision, @Nullable SessionType sessionType) {

	private static final Comparator<AttendanceMark> ORDER = Comparator.comparingInt(AttendanceMark::revision)
		.thenComparing(AttendanceMark::status)
		.thenComparingInt(AttendanceMark::minutesAttended)
		.thenComparing(AttendanceMark::occurredAt)
		.thenComparing(AttendanceMark::sessionId, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(AttendanceMark::sessionType, Comparator.nullsFirst(Comparator.naturalOrder()));

	/** A mark of a session whose kind is not known. */
	public AttendanceMark(String recordId, String sessionId, AttendanceStatus status, int minutesAttended,
			Instant occurredAt, int revision) {
		this(recordId, sessionId, status, minutesAttended, occurredAt, revision, null);
	}

	/** A mark without session details (tests of the attendance rules). */
	public AttendanceMark(String recordId, Instant occurredAt, AttendanceStatus status, int revision) {
		this(recordId, recordId, status, 0, occurredAt, revision);
	}

	/** The later of two marks for the same record. */
	public static AttendanceMark latest(AttendanceMark a, AttendanceMark b) {
		return (ORDER.compare(b, a) > 0) ? b : a;
	}

}
