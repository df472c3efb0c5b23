package org.stepwise.contracts.attendance;

public enum AttendanceStatus {

	ATTENDED, LATE, LEFT_EARLY, NO_SHOW, EXCUSED, CANCELLED_BY_PROGRAM;

	/** Whether the patient was in the session for at least part of it. */
	public boolean present() {
		return this == ATTENDED || this == LATE || this == LEFT_EARLY;
	}

}
