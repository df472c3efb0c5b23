package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.attendance.AttendanceStatus.ATTENDED;
import static org.stepwise.contracts.attendance.AttendanceStatus.EXCUSED;
import static org.stepwise.contracts.attendance.AttendanceStatus.LATE;
import static org.stepwise.contracts.attendance.AttendanceStatus.NO_SHOW;

class DisengagementRuleTest {

	private static final Instant MONDAY = Instant.parse("2026-03-02T18:00:00Z");

	private final DisengagementRule rule = DisengagementRule.DEFAULTS;

	@Test
	void oneNoShowIsNotASignal() {
		assertThat(this.rule.evaluate(marks(ATTENDED, NO_SHOW))).isEmpty();
	}

	@Test
	void twoNoShowsInARowCallForOutreach() {
		SignalFired signal = this.rule.evaluate(marks(ATTENDED, NO_SHOW, NO_SHOW)).orElseThrow();
		assertThat(signal.id()).isEqualTo("S9");
		assertThat(signal.severity()).isEqualTo(Severity.MEDIUM);
		assertThat(signal.values()).containsEntry("consecutiveNoShows", "2");
		assertThat(signal.since()).isEqualTo(MONDAY.plus(1, ChronoUnit.DAYS));
	}

	@Test
	void threeNoShowsInARowAreDischargeRisk() {
		assertThat(this.rule.evaluate(marks(NO_SHOW, NO_SHOW, NO_SHOW)).orElseThrow().severity())
			.isEqualTo(Severity.HIGH);
	}

	@Test
	void attendingBreaksTheRun() {
		assertThat(this.rule.evaluate(marks(NO_SHOW, NO_SHOW, LATE))).isEmpty();
	}

	@Test
	void excusedAbsenceNeitherCountsNorBreaksTheRun() {
		assertThat(this.rule.evaluate(marks(NO_SHOW, EXCUSED, NO_SHOW)).orElseThrow().values())
			.containsEntry("consecutiveNoShows", "2");
	}

	@Test
	void arrivalOrderDoesNotMatter() {
		List<AttendanceMark> marks = new ArrayList<>(marks(ATTENDED, NO_SHOW, ATTENDED, NO_SHOW, NO_SHOW));
		var expected = this.rule.evaluate(marks);
		for (int i = 0; i < 20; i++) {
			Collections.shuffle(marks, new java.util.Random(i));
			assertThat(this.rule.evaluate(marks)).isEqualTo(expected);
		}
	}

	@Test
	void laterCorrectionWinsWhateverTheOrder() {
		AttendanceMark recorded = new AttendanceMark("r1", MONDAY, NO_SHOW, 0);
		AttendanceMark corrected = new AttendanceMark("r1", MONDAY, EXCUSED, 1);
		assertThat(AttendanceMark.latest(recorded, corrected)).isEqualTo(corrected);
		assertThat(AttendanceMark.latest(corrected, recorded)).isEqualTo(corrected);
	}

	/** One session a day from Monday, in the given order. */
	private static List<AttendanceMark> marks(AttendanceStatus... statuses) {
		List<AttendanceMark> marks = new ArrayList<>();
		for (int day = 0; day < statuses.length; day++) {
			marks.add(new AttendanceMark("r" + day, MONDAY.plus(day, ChronoUnit.DAYS), statuses[day], 0));
		}
		return marks;
	}

}
