package org.stepwise.attendance.record;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.attendance.session.Session;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceRulesTest {

	private static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

	private static final Session SESSION = new Session("s1", "program-a", SessionType.GROUP, Modality.CBT, START,
			START.plusSeconds(3 * 3600), "facilitator-1", List.of("p1", "p2"), false, START, null, null, null, null);

	@Test
	void aRosteredPatientAfterTheStartIsFine() {
		assertThat(AttendanceRules.check(SESSION, "p1", AttendanceStatus.ATTENDED, 180, START.plusSeconds(60)))
			.isEmpty();
	}

	@Test
	void attendanceBeforeTheSessionStartsIsRejected() {
		assertThat(reasons(AttendanceRules.check(SESSION, "p1", AttendanceStatus.ATTENDED, 0, START.minusSeconds(1))))
			.containsExactly("future_session");
	}

	@Test
	void aPatientNotOnTheRosterIsRejected() {
		assertThat(reasons(AttendanceRules.check(SESSION, "p3", AttendanceStatus.ATTENDED, 60, START.plusSeconds(1))))
			.containsExactly("not_on_roster");
	}

	@Test
	void minutesBeyondTheSessionLengthAreRejected() {
		assertThat(reasons(AttendanceRules.check(SESSION, "p1", AttendanceStatus.ATTENDED, 181, START.plusSeconds(1))))
			.containsExactly("minutes_exceed_session");
		assertThat(AttendanceRules.check(SESSION, "p1", AttendanceStatus.ATTENDED, 180, START.plusSeconds(1)))
			.isEmpty();
	}

	@Test
	void aNoShowCannotHaveMinutes() {
		assertThat(reasons(AttendanceRules.check(SESSION, "p1", AttendanceStatus.NO_SHOW, 10, START.plusSeconds(1))))
			.containsExactly("minutes_without_presence");
	}

	private static List<String> reasons(List<AttendanceRules.Violation> violations) {
		return violations.stream().map(AttendanceRules.Violation::reason).toList();
	}

}
