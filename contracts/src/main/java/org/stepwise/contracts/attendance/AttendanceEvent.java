package org.stepwise.contracts.attendance;

import org.stepwise.contracts.StepwiseEvent;

/**
 * Events on {@code stepwise.attendance.v1}, keyed by patient id. Session events go to
 * each rostered patient.
 */
public sealed interface AttendanceEvent extends StepwiseEvent
		permits SessionScheduled, SessionChanged, SessionCancelled, AttendanceRecorded, AttendanceCorrected {

	String patientId();

	String programId();

	String sessionId();

	@Override
	default String subject() {
		return patientId();
	}

}
