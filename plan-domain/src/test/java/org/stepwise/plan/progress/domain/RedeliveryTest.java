package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates are told from news by what they change ({@link Retention#news}), with no
 * list of applied ids: the same fact again, an older version of a corrected one, and a
 * fact retention has already let go of all change nothing.
 */
class RedeliveryTest {

	static final Retention RETENTION = Retention.of(Thresholds.DEFAULTS);

	@Test
	void anOlderDuplicateAfterACorrectionIsNoNewsAndDoesNotUndoIt() {
		StepwiseEvent noShow = Facts.attendance("s1", 3, AttendanceStatus.NO_SHOW);
		StepwiseEvent corrected = new AttendanceCorrected("rec-s1", "s1", "program-a", "p1", SessionType.GROUP,
				AttendanceStatus.NO_SHOW, AttendanceStatus.ATTENDED, 180, 180, 1, "c1", Facts.at(3, 9),
				Facts.at(4, 10));
		Projection p = Projection.EMPTY.fold(List.of(noShow, corrected));

		assertThat(RETENTION.news(p, List.of(noShow), Facts.ZONE)).isEmpty();
		assertThat(RETENTION.news(p, List.of(corrected, noShow, corrected), Facts.ZONE)).isEmpty();
		assertThat(p.fold(List.of(noShow)).attendance()).singleElement()
			.satisfies((mark) -> assertThat(mark.status()).isEqualTo(AttendanceStatus.ATTENDED));
	}

	@Test
	void theSameFactTwiceInOneBatchIsNewsOnceAndANewFactAmongDuplicatesIsNews() {
		Projection p = Projection.EMPTY.fold(List.of(Facts.checkIn(1, 3, false)));
		StepwiseEvent today = Facts.checkIn(2, 4, false);

		assertThat(RETENTION.news(p, List.of(Facts.checkIn(1, 3, false), today, today), Facts.ZONE)).containsExactly(1);
	}

	@Test
	void aFactRetentionLetGoOfIsNoNewsWhenItComesBackThoughItsFoldWouldChangeTheProjection() {
		List<StepwiseEvent> history = new ArrayList<>();
		for (int day = 0; day < 90; day++) {
			if (day % 7 == 0 || day % 7 == 2) {
				history.add(Facts.session("s" + day, day));
				history.add(Facts.attendance("s" + day, day, AttendanceStatus.ATTENDED));
			}
			history.add(Facts.checkIn(day, 3, false));
		}
		Projection p = RETENTION.prune(Projection.EMPTY.fold(history), Facts.ZONE, Facts.at(89, 22), Facts.at(89, 22));
		assertThat(p.keptFrom()).isNotNull();
		// day 30's session and record, and day 31's check-in, have left
		StepwiseEvent session = Facts.session("s30", 30);
		StepwiseEvent record = Facts.attendance("s30", 30, AttendanceStatus.NO_SHOW);
		StepwiseEvent checkIn = Facts.checkIn(31, 3, false);
		assertThat(p.sessions()).noneMatch((s) -> s.sessionId().equals("s30"));
		assertThat(p.checkIns()).noneMatch((c) -> c.checkInId().equals("ci-31"));

		// folded blindly, the session would come back without its record: a no-show
		assertThat(p.fold(List.of(session))).isNotEqualTo(p);
		assertThat(RETENTION.news(p, List.of(session), Facts.ZONE)).isEmpty();
		assertThat(RETENTION.news(p, List.of(record, checkIn), Facts.ZONE)).isEmpty();
		// a recent recorded session's slot, published again, is no news either
		assertThat(RETENTION.news(p, List.of(Facts.session("s84", 84)), Facts.ZONE)).isEmpty();
		// and today's facts are (a batch with news may bring such a duplicate along:
		// the prune after its evaluation drops it again)
		assertThat(RETENTION.news(p, List.of(session, Facts.checkIn(90, 3, false)), Facts.ZONE)).contains(1);
	}

	/**
	 * Retention used to drop an excused session inside a run of no-shows (record and
	 * slot): its schedule, published again, then came back without its record, as an
	 * unrecorded session, a no-show that S9 would count, and the prune kept it. Fails on
	 * the old {@link Retention}.
	 */
	@Test
	void anExcusedSessionInARunOfNoShowsStaysSoItsSchedulePublishedAgainIsNoNoShow() {
		List<StepwiseEvent> history = new ArrayList<>();
		for (int day = 0; day < 100; day++) {
			if (day % 7 == 0 || day % 7 == 2) {
				AttendanceStatus status = (day < 28 || day > 60) ? AttendanceStatus.ATTENDED
						: (day == 35) ? AttendanceStatus.EXCUSED : AttendanceStatus.NO_SHOW;
				history.add(Facts.session("s" + day, day));
				history.add(Facts.attendance("s" + day, day, status));
			}
		}
		Instant now = Facts.at(100, 22);
		Projection p = RETENTION.prune(Projection.EMPTY.fold(history), Facts.ZONE, now, now);
		assertThat(p.attendance()).as("the run is before the cutoff")
			.noneMatch((mark) -> mark.recordId().equals("rec-s21"));

		Projection again = RETENTION.prune(p.fold(List.of(Facts.session("s35", 35))), Facts.ZONE, now, now);

		assertThat(again).isEqualTo(p);
	}

}
