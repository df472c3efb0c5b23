package org.stepwise.plan.progress.domain;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.attendance.AttendanceStatus.ATTENDED;
import static org.stepwise.contracts.attendance.AttendanceStatus.CANCELLED_BY_PROGRAM;
import static org.stepwise.contracts.attendance.AttendanceStatus.EXCUSED;
import static org.stepwise.contracts.attendance.AttendanceStatus.LATE;
import static org.stepwise.contracts.attendance.AttendanceStatus.NO_SHOW;
import static org.stepwise.plan.progress.domain.Facts.at;
import static org.stepwise.plan.progress.domain.Facts.attendance;
import static org.stepwise.plan.progress.domain.Facts.familyAttendance;
import static org.stepwise.plan.progress.domain.Facts.familySession;
import static org.stepwise.plan.progress.domain.Facts.session;

/**
 * S13, family sessions missed twice in a row (docs/clinical-rules.md, program types:
 * adolescent), worked examples. Family sessions on Tuesdays: day 1 is 3 March 2026, day 8
 * 10 March, day 15 17 March, day 22 24 March.
 */
class FamilySessionsTest {

	static final ProgramFocus ADOLESCENT = ProgramFocus.of(List.of(ProgramType.ADOLESCENT));

	static Assessment evaluate(int day, List<StepwiseEvent> events) {
		return evaluate(day, events, ADOLESCENT);
	}

	static Assessment evaluate(int day, List<StepwiseEvent> events, ProgramFocus focus) {
		return Rules.evaluate(Projection.EMPTY.fold(RulesTest.withCheckIns(day, events)), RulesTest.IOP,
				Thresholds.DEFAULTS, focus, Facts.ZONE, at(day, 23));
	}

	static List<StepwiseEvent> family(int day, org.stepwise.contracts.attendance.AttendanceStatus status) {
		return List.of(familySession("fam-" + day, day), familyAttendance("fam-" + day, day, status));
	}

	static List<StepwiseEvent> all(List<List<StepwiseEvent>> parts) {
		return parts.stream().flatMap(List::stream).toList();
	}

	@Test
	void twoMissedInARowIsAMediumSignalSaidInWords() {
		Assessment one = evaluate(8, all(List.of(family(1, NO_SHOW))));
		assertThat(one.has("S13")).isFalse();

		Assessment two = evaluate(9, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW))));

		SignalFired s13 = RulesTest.signal(two, "S13");
		assertThat(s13.kind()).isEqualTo("FAMILY_SESSIONS_MISSED");
		assertThat(s13.severity()).isEqualTo(Severity.MEDIUM);
		assertThat(s13.evidence()).isEqualTo("2 family sessions missed in a row: 3 and 10 March");
		assertThat(s13.values()).containsEntry("consecutiveMissed", "2")
			.containsEntry("first", "2026-03-03")
			.containsEntry("last", "2026-03-10");
		assertThat(s13.since()).isEqualTo(at(1, 16));
		// a run that goes on says so
		assertThat(RulesTest
			.signal(evaluate(16, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW), family(15, NO_SHOW)))), "S13")
			.evidence()).isEqualTo("3 family sessions missed in a row: 3, 10 and 17 March");
	}

	@Test
	void aFamilySessionAttendedInBetweenResetsTheRun() {
		assertThat(evaluate(16, all(List.of(family(1, NO_SHOW), family(8, ATTENDED), family(15, NO_SHOW)))).has("S13"))
			.isFalse();
		assertThat(evaluate(16, all(List.of(family(1, NO_SHOW), family(8, LATE), family(15, NO_SHOW)))).has("S13"))
			.isFalse();
		// the next miss starts the run again from there
		assertThat(
				RulesTest
					.signal(evaluate(23,
							all(List.of(family(1, NO_SHOW), family(8, ATTENDED), family(15, NO_SHOW),
									family(22, NO_SHOW)))),
							"S13")
					.evidence())
			.isEqualTo("2 family sessions missed in a row: 17 and 24 March");
		// attending the next family session clears it
		assertThat(evaluate(30, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW), family(29, ATTENDED)))).has("S13"))
			.isFalse();
	}

	@Test
	void excusedAndCancelledFamilySessionsNeitherCountNorBreakTheRun() {
		assertThat(evaluate(9, all(List.of(family(1, NO_SHOW), family(8, EXCUSED)))).has("S13")).isFalse();
		assertThat(evaluate(9, all(List.of(family(1, NO_SHOW), family(8, CANCELLED_BY_PROGRAM)))).has("S13")).isFalse();
		// a session the program cancelled before it happened has no record and no miss
		List<StepwiseEvent> cancelled = List.of(familySession("fam-8", 8),
				new SessionCancelled("fam-8", "program-a", "p1", at(8, 16), false, at(7, 9)));
		assertThat(evaluate(12, all(List.of(family(1, NO_SHOW), cancelled))).has("S13")).isFalse();

		assertThat(RulesTest
			.signal(evaluate(16, all(List.of(family(1, NO_SHOW), family(8, EXCUSED), family(15, NO_SHOW)))), "S13")
			.evidence()).isEqualTo("2 family sessions missed in a row: 3 and 17 March");
		assertThat(
				RulesTest.signal(evaluate(16, all(List.of(family(1, NO_SHOW), cancelled, family(15, NO_SHOW)))), "S13")
					.values())
			.containsEntry("consecutiveMissed", "2");
	}

	@Test
	void otherSessionsNeitherCountNorBreakTheRun() {
		List<StepwiseEvent> groups = List.of(session("g2", 2), attendance("g2", 2, ATTENDED), session("g4", 4),
				attendance("g4", 4, NO_SHOW), session("g9", 9), attendance("g9", 9, ATTENDED));
		assertThat(evaluate(9, all(List.of(family(1, NO_SHOW), groups, family(8, NO_SHOW)))).has("S13")).isTrue();
		assertThat(evaluate(9, all(List.of(family(1, ATTENDED), groups, family(8, NO_SHOW)))).has("S13")).isFalse();
	}

	@Test
	void anUnrecordedFamilySessionCountsOnlyOnceAbsenceIsSettled() {
		List<StepwiseEvent> unrecorded = List.of(familySession("fam-1", 1), familySession("fam-8", 8));
		// as S9/S10 judge it: missing after the end of the clinical day after the session
		assertThat(evaluate(9, unrecorded).has("S13")).isFalse();
		assertThat(RulesTest.signal(evaluate(10, unrecorded), "S13").evidence())
			.isEqualTo("2 family sessions missed in a row: 3 and 10 March");
		// absence held back while facts are still arriving: nothing counts as missing yet
		Projection projection = Projection.EMPTY.fold(RulesTest.withCheckIns(10, unrecorded));
		assertThat(
				Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, ADOLESCENT, Facts.ZONE, at(10, 23), null)
					.has("S13"))
			.isFalse();
		// a record that arrives late replaces the judgement
		assertThat(evaluate(10, all(List.of(unrecorded, List.of(familyAttendance("fam-8", 8, ATTENDED))))).has("S13"))
			.isFalse();
	}

	@Test
	void onlyAdolescentProgramsWatchFamilySessions() {
		List<StepwiseEvent> missed = all(List.of(family(1, NO_SHOW), family(8, NO_SHOW)));
		assertThat(evaluate(9, missed, ProgramFocus.DEFAULT).has("S13")).isFalse();
		assertThat(evaluate(9, missed, ProgramFocus.of(List.of(ProgramType.DUAL_DIAGNOSIS))).has("S13")).isFalse();
		assertThat(evaluate(9, missed, ProgramFocus.of(List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT)))
			.has("S13")).isTrue();
	}

	@Test
	void familySessionsMissedHoldBackStepDownReadiness() {
		// a group session attended after them (no S9), S10 out of the way: only S13 holds
		Thresholds noS10 = Thresholds.DEFAULTS.withOverrides(java.util.Map.of("attendanceMinScheduled", "100"));
		List<StepwiseEvent> events = RulesTest.withCheckIns(9, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW),
				List.of(session("g9", 9), attendance("g9", 9, ATTENDED)))));
		Assessment assessment = Rules.evaluate(Projection.EMPTY.fold(events), RulesTest.IOP, noS10, ADOLESCENT,
				Facts.ZONE, at(9, 23));
		// (S11, an under-dosed first week, does not enter risk)
		assertThat(assessment.signals()).extracting(SignalFired::id).containsExactly("S11", "S13");
		assertThat(assessment.riskLevel()).isEqualTo(org.stepwise.contracts.progress.RiskLevel.LOW);
		assertThat(assessment.readiness()).containsEntry("noOpenRisk", false);
	}

	@Test
	void theThresholdIsAProgramSetting() {
		Thresholds three = Thresholds.DEFAULTS.withOverrides(java.util.Map.of("familySessionsMissedInRow", "3"));
		List<StepwiseEvent> missed = RulesTest.withCheckIns(9, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW))));
		assertThat(
				Rules.evaluate(Projection.EMPTY.fold(missed), RulesTest.IOP, three, ADOLESCENT, Facts.ZONE, at(9, 23))
					.has("S13"))
			.isFalse();
	}

	@Test
	void relapseRiskIsNotRaisedByMissedFamilySessions() {
		// (the same no-shows are S9's too, which does raise it)
		SignalFired s13 = RulesTest.signal(evaluate(9, all(List.of(family(1, NO_SHOW), family(8, NO_SHOW)))), "S13");
		assertThat(Rules.risk(List.of(s13))).isEqualTo(org.stepwise.contracts.progress.RiskLevel.LOW);
	}

	@Test
	void theDaysAreSaidWithTheMonthOnceAndTheYearOnlyAcrossTwo() {
		assertThat(FamilySessionsRule.days(List.of(LocalDate.of(2026, 2, 24), LocalDate.of(2026, 3, 3))))
			.isEqualTo("24 February and 3 March");
		assertThat(FamilySessionsRule.days(List.of(LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 5))))
			.isEqualTo("29 December 2026 and 5 January 2027");
		assertThat(FamilySessionsRule.days(List.of(LocalDate.of(2026, 3, 3)))).isEqualTo("3 March");
		// a long run says where it started and the latest
		List<StepwiseEvent> five = all(List.of(family(1, NO_SHOW), family(8, NO_SHOW), family(15, NO_SHOW),
				family(22, NO_SHOW), family(29, NO_SHOW)));
		assertThat(RulesTest.signal(evaluate(30, five), "S13").evidence())
			.isEqualTo("5 family sessions missed in a row since 3 March, the latest on 31 March");
	}

}
