package org.stepwise.plan.progress.domain;

import java.time.Instant;

import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * The latest known status of one attendance record. {@code revision} orders corrections
 * of the same record, so the fold keeps the right one whatever the arrival order.
 */
public record AttendanceMark(String recordId, Instant occurredAt, AttendanceStatus status, int revision) {

	/** The later of two marks for the same record. */
	public static AttendanceMark latest(AttendanceMark a, AttendanceMark b) {
		return (b.revision() > a.revision()) ? b : a;
	}

}
