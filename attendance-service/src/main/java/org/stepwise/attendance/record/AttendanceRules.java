package org.stepwise.attendance.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.stepwise.attendance.session.Session;
import org.stepwise.contracts.attendance.AttendanceStatus;

/** The rules an attendance record must satisfy before it is stored. Pure: no I/O. */
public final class AttendanceRules {

	private AttendanceRules() {
	}

	/** A broken rule: the field it concerns and a message without patient data. */
	public record Violation(String reason, String field, String message) {
	}

	public static List<Violation> check(Session session, String patientId, AttendanceStatus status, int minutesAttended,
			Instant now) {
		List<Violation> violations = new ArrayList<>();
		if (session.cancelled()) {
			violations.add(new Violation("session_cancelled", "sessionId", "the session was cancelled"));
		}
		if (session.startsAt().isAfter(now)) {
			violations.add(new Violation("future_session", "sessionId",
					"attendance cannot be recorded before the session starts"));
		}
		if (!session.hasOnRoster(patientId)) {
			violations.add(new Violation("not_on_roster", "patientId", "patient is not on the session's roster"));
		}
		if (minutesAttended > session.minutes()) {
			violations.add(new Violation("minutes_exceed_session", "minutesAttended",
					"must not exceed the session length of " + session.minutes() + " minutes"));
		}
		if (!status.present() && minutesAttended > 0) {
			violations.add(new Violation("minutes_without_presence", "minutesAttended",
					"must be 0 when the patient was not present"));
		}
		return violations;
	}

}
