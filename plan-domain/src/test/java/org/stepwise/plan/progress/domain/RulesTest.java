package org.stepwise.plan.progress.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.stepwise.contracts.attendance.AttendanceStatus.ATTENDED;
import static org.stepwise.contracts.attendance.AttendanceStatus.EXCUSED;
import static org.stepwise.contracts.attendance.AttendanceStatus.NO_SHOW;
import static org.stepwise.plan.progress.domain.Facts.at;
import static org.stepwise.plan.progress.domain.Facts.attendance;
import static org.stepwise.plan.progress.domain.Facts.bam;
import static org.stepwise.plan.progress.domain.Facts.checkIn;
import static org.stepwise.plan.progress.domain.Facts.cssrs;
import static org.stepwise.plan.progress.domain.Facts.phq9;
import static org.stepwise.plan.progress.domain.Facts.score;
import static org.stepwise.plan.progress.domain.Facts.session;
import static org.stepwise.plan.progress.domain.Facts.uds;

/** Every rule at and around its thresholds (docs/clinical-rules.md defaults). */
class RulesTest {

	static final PlanContext IOP = new PlanContext("2.1", false, Facts.START, Facts.START);

	static Assessment evaluate(int day, List<StepwiseEvent> events) {
		return evaluate(day, events, IOP, Thresholds.DEFAULTS);
	}

	static Assessment evaluate(int day, List<StepwiseEvent> events, PlanContext plan, Thresholds thresholds) {
		return Rules.evaluate(Projection.EMPTY.fold(events), plan, thresholds, Facts.ZONE, at(day, 23));
	}

	static SignalFired signal(Assessment assessment, String id) {
		return assessment.signal(id).orElseThrow(() -> new AssertionError(id + " did not fire: " + assessment));
	}

	/** Daily check-ins keep S12 quiet in tests of other rules. */
	static List<StepwiseEvent> withCheckIns(int upToDay, List<StepwiseEvent> events) {
		List<StepwiseEvent> all = new ArrayList<>(events);
		for (int day = 0; day <= upToDay; day++) {
			String id = "ci-" + day;
			if (all.stream()
				.noneMatch((e) -> e instanceof org.stepwise.contracts.checkin.CheckInSubmitted c
						&& c.checkInId().equals(id))) {
				all.add(checkIn(day, 1, false));
			}
		}
		return all;
	}

	@Test
	void s1Item9() {
		assertThat(evaluate(1, List.of(phq9("a", 1, 8, 0))).has("S1")).isFalse();
		assertThat(signal(evaluate(1, List.of(phq9("a", 1, 8, 1))), "S1").severity()).isEqualTo(Severity.HIGH);
		assertThat(signal(evaluate(1, List.of(phq9("a", 1, 8, 2))), "S1").severity()).isEqualTo(Severity.CRITICAL);
		// a newer PHQ-9 without item 9 clears it; so does the end of the 30-day window
		assertThat(evaluate(3, List.of(phq9("a", 1, 8, 2), phq9("b", 3, 8, 0))).has("S1")).isFalse();
		assertThat(evaluate(30, List.of(phq9("a", 1, 8, 2))).has("S1")).isTrue();
		assertThat(evaluate(31, List.of(phq9("a", 1, 8, 2))).has("S1")).isFalse();
	}

	@Test
	void s2EmergentCssrsRecommendsCrisisEvaluation() {
		assertThat(evaluate(1, List.of(cssrs("c", 1, false))).has("S2")).isFalse();
		Assessment emergent = evaluate(1, List.of(cssrs("c", 1, true)));
		assertThat(signal(emergent, "S2").severity()).isEqualTo(Severity.CRITICAL);
		assertThat(emergent.crisis()).isTrue();
		assertThat(emergent.stepUpReasons()).extracting("code").contains("S2");
	}

	@Test
	void s3DepressionWorseningFromPreviousOrBaseline() {
		assertThat(evaluate(14, List.of(phq9("a", 0, 8, 0), phq9("b", 14, 13, 0))).has("S3")).isFalse();
		SignalFired fromPrevious = signal(evaluate(14, List.of(phq9("a", 0, 8, 0), phq9("b", 14, 14, 0))), "S3");
		assertThat(fromPrevious.values()).containsEntry("change", "6");
		assertThat(fromPrevious.evidence()).isEqualTo("PHQ-9 8 -> 14 (+6) since 2026-03-02");
		// +3 and +3: not from the previous, but +6 from the baseline
		assertThat(evaluate(28, List.of(phq9("a", 0, 8, 0), phq9("b", 14, 11, 0), phq9("c", 28, 14, 0))).has("S3"))
			.isTrue();
		// configurable to the MCID of 5
		Thresholds mcid = Thresholds.DEFAULTS.withOverrides(Map.of("phq9ReliableChange", "5"));
		assertThat(evaluate(14, List.of(phq9("a", 0, 8, 0), phq9("b", 14, 13, 0)), IOP, mcid).has("S3")).isTrue();
	}

	@Test
	void s4AnxietyWorsening() {
		assertThat(
				evaluate(14, List.of(score("a", Instrument.GAD7, 0, 5), score("b", Instrument.GAD7, 14, 8))).has("S4"))
			.isFalse();
		assertThat(
				evaluate(14, List.of(score("a", Instrument.GAD7, 0, 5), score("b", Instrument.GAD7, 14, 9))).has("S4"))
			.isTrue();
	}

	@Test
	void s5NotOnTrackAtWeekFourAndWeekEight() {
		// baseline 12: 25% drop needs <= 9 at week 4
		assertThat(evaluate(28, List.of(phq9("a", 0, 12, 0), phq9("b", 28, 10, 0))).has("S5")).isTrue();
		assertThat(evaluate(28, List.of(phq9("a", 0, 12, 0), phq9("b", 28, 9, 0))).has("S5")).isFalse();
		// before week 4 it is too early
		assertThat(evaluate(27, List.of(phq9("a", 0, 12, 0), phq9("b", 27, 12, 0))).has("S5")).isFalse();
		// week 8: 50% needed, 7 of 12 is a 41% drop
		assertThat(evaluate(56, List.of(phq9("a", 0, 12, 0), phq9("b", 56, 7, 0))).has("S5")).isTrue();
		assertThat(evaluate(56, List.of(phq9("a", 0, 12, 0), phq9("b", 56, 6, 0))).has("S5")).isFalse();
		// a baseline under 10 is not followed
		assertThat(evaluate(28, List.of(phq9("a", 0, 9, 0), phq9("b", 28, 9, 0))).has("S5")).isFalse();
	}

	@Test
	void s5SaysARiseAsARise() {
		assertThat(signal(evaluate(28, List.of(phq9("a", 0, 12, 0), phq9("b", 28, 18, 0))), "S5").evidence())
			.isEqualTo("PHQ-9 rose from 12 to 18 (up 50%); a drop of at least 25% was expected by week 4");
		assertThat(signal(evaluate(56, List.of(phq9("a", 0, 20, 0), phq9("b", 56, 18, 0))), "S5").evidence())
			.isEqualTo("PHQ-9 fell from 20 to 18 (down 10%); a drop of at least 50% was expected by week 8");
		assertThat(signal(evaluate(28, List.of(phq9("a", 0, 12, 0), phq9("b", 28, 12, 0))), "S5").evidence())
			.isEqualTo("PHQ-9 stayed at 12; a drop of at least 25% was expected by week 4");
	}

	@Test
	void s6UseEscalatesWhenRepeatedInFourteenDays() {
		assertThat(signal(evaluate(5, List.of(checkIn(5, 2, true))), "S6").severity()).isEqualTo(Severity.MEDIUM);
		assertThat(signal(evaluate(5, List.of(checkIn(2, 2, true), uds("u", 5, true))), "S6").severity())
			.isEqualTo(Severity.HIGH);
		// a negative or prescribed-only screen is not use
		assertThat(evaluate(5, List.of(uds("u", 5, false))).has("S6")).isFalse();
		// BAM Use >= 1 counts
		assertThat(evaluate(5, List.of(bam("b", 5, 1, 5, 20))).has("S6")).isTrue();
		// window: day 0 use is inside on day 13, outside on day 14
		assertThat(evaluate(13, List.of(checkIn(0, 2, true))).has("S6")).isTrue();
		assertThat(evaluate(14, List.of(checkIn(0, 2, true))).has("S6")).isFalse();
		assertThat(
				evaluate(14, List.of(checkIn(0, 2, true), checkIn(14, 2, true))).signal("S6").orElseThrow().severity())
			.isEqualTo(Severity.MEDIUM);
	}

	@Test
	void s7CravingOnConsecutiveCheckInsOrPacs() {
		assertThat(evaluate(2, List.of(checkIn(1, 7, false), checkIn(2, 6, false))).has("S7")).isFalse();
		assertThat(signal(evaluate(2, List.of(checkIn(1, 7, false), checkIn(2, 7, false))), "S7").severity())
			.isEqualTo(Severity.LOW);
		assertThat(evaluate(2, List.of(score("p", Instrument.PACS, 2, 14))).has("S7")).isFalse();
		assertThat(signal(evaluate(2, List.of(score("p", Instrument.PACS, 2, 15))), "S7").severity())
			.isEqualTo(Severity.MEDIUM);
	}

	@Test
	void s8BamConcern() {
		assertThat(evaluate(2, List.of(bam("b", 2, 0, 11, 13))).has("S8")).isFalse();
		assertThat(evaluate(2, List.of(bam("b", 2, 0, 12, 13))).has("S8")).isTrue();
		assertThat(evaluate(2, List.of(bam("b", 2, 0, 11, 12))).has("S8")).isTrue();
	}

	@Test
	void s9CountsUnrecordedSessionsAsNoShowsAfterADayOfGrace() {
		List<StepwiseEvent> events = List.of(session("s1", 0), attendance("s1", 0, ATTENDED), session("s2", 1),
				session("s3", 2));
		// day 3: s2 is past its grace day, s3 is not yet
		assertThat(evaluate(3, events).has("S9")).isFalse();
		SignalFired s9 = signal(evaluate(4, events), "S9");
		assertThat(s9.values()).containsEntry("consecutiveNoShows", "2");
		assertThat(s9.severity()).isEqualTo(Severity.MEDIUM);
	}

	@Test
	void s10LowAttendanceOverFourteenDays() {
		// 5 of 6 attended = 83%: not low; 4 of 5 with an excused one not counted = 80%:
		// low
		List<StepwiseEvent> fiveOfSix = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			fiveOfSix.add(attendance("s" + i, i * 2, (i == 2) ? NO_SHOW : ATTENDED));
		}
		assertThat(evaluate(12, fiveOfSix).has("S10")).isFalse();
		List<StepwiseEvent> fourOfFive = new ArrayList<>(fiveOfSix.subList(0, 5));
		fourOfFive.add(attendance("s5", 10, EXCUSED));
		assertThat(signal(evaluate(12, fourOfFive), "S10").values()).containsEntry("percent", "80");
		// fewer than 4 scheduled: no rate
		assertThat(evaluate(12,
				List.of(attendance("a", 1, ATTENDED), attendance("b", 3, NO_SHOW), attendance("c", 5, ATTENDED)))
			.has("S10")).isFalse();
	}

	@Test
	void s11UnderDosedLastCompleteWeek() {
		List<StepwiseEvent> two = List.of(attendance("a", 0, ATTENDED), attendance("b", 2, ATTENDED));
		List<StepwiseEvent> three = List.of(attendance("a", 0, ATTENDED), attendance("b", 2, ATTENDED),
				attendance("c", 4, ATTENDED));
		// during the first week nothing is judged, nor on day 7 (Monday, the grace day of
		// Sunday's sessions); on day 8 week 1 (6 h < 9 h) is
		assertThat(evaluate(6, two).has("S11")).isFalse();
		assertThat(evaluate(7, two).has("S11")).isFalse();
		SignalFired s11 = signal(evaluate(8, two), "S11");
		assertThat(s11.values()).containsEntry("deliveredHours", "6.0").containsEntry("week", "2026-W10");
		assertThat(evaluate(8, three).has("S11")).isFalse();
		// adolescents: 6 h is the minimum
		assertThat(evaluate(8, two, new PlanContext("2.1", true, Facts.START, Facts.START), Thresholds.DEFAULTS)
			.has("S11")).isFalse();
		assertThat(Rules.deliveredHoursPerWeek(Projection.EMPTY.fold(three), Facts.ZONE, Facts.at(8, 12)))
			.containsEntry("2026-W10", 9.0);
	}

	@Test
	void theProgressPictureShowsTheDeliveredHoursOfTwelveWeeks() {
		Projection sessions = Projection.EMPTY.fold(List.of(attendance("a", 0, ATTENDED), attendance("b", 7, ATTENDED),
				attendance("c", 7 * 11, ATTENDED), attendance("d", 7 * 12, ATTENDED)));
		// day 84 is the Monday of week 13: the first week (2026-W10) is no longer shown
		assertThat(Rules.deliveredHoursPerWeek(sessions, Facts.ZONE, Facts.at(7 * 12, 12))).containsOnlyKeys("2026-W11",
				"2026-W21", "2026-W22");
		assertThat(Rules.deliveredHoursPerWeek(sessions, Facts.ZONE, Facts.at(7 * 12 - 1, 12)))
			.containsOnlyKeys("2026-W10", "2026-W11", "2026-W21", "2026-W22");
	}

	@Test
	void s12SilenceAfterThreeFullDays() {
		assertThat(evaluate(3, List.of(checkIn(0, 1, false))).has("S12")).isFalse();
		assertThat(signal(evaluate(4, List.of(checkIn(0, 1, false))), "S12").values())
			.containsEntry("daysWithoutCheckIn", "3");
		// without a plan there is no check-in schedule
		assertThat(Rules.evaluate(Projection.EMPTY, null, Thresholds.DEFAULTS, Facts.ZONE, at(10, 12)).signals())
			.isEmpty();
	}

	@Test
	void relapseRisk() {
		assertThat(evaluate(2, withCheckIns(2, List.of())).riskLevel()).isEqualTo(RiskLevel.LOW);
		assertThat(evaluate(2, withCheckIns(2, List.of(bam("b", 2, 0, 12, 20)))).riskLevel())
			.isEqualTo(RiskLevel.MODERATE);
		assertThat(evaluate(2, withCheckIns(2, List.of(checkIn(2, 2, true)))).riskLevel())
			.isEqualTo(RiskLevel.MODERATE);
		// use with craving
		assertThat(evaluate(2, withCheckIns(2, List.of(checkIn(1, 8, false), checkIn(2, 8, true)))).riskLevel())
			.isEqualTo(RiskLevel.HIGH);
		// repeated use
		assertThat(evaluate(2, withCheckIns(2, List.of(checkIn(1, 1, true), checkIn(2, 1, true)))).riskLevel())
			.isEqualTo(RiskLevel.HIGH);
		// safety alone is not relapse risk
		assertThat(evaluate(2, withCheckIns(2, List.of(phq9("a", 2, 5, 2)))).riskLevel()).isEqualTo(RiskLevel.LOW);
	}

	static List<StepwiseEvent> readyStory(int days) {
		List<StepwiseEvent> events = new ArrayList<>();
		for (int day = 0; day <= days; day++) {
			// Mon, Wed, Fri groups and a check-in every day
			if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
				events.add(session("s" + day, day));
				events.add(attendance("s" + day, day, ATTENDED));
			}
			events.add(checkIn(day, 2, false));
		}
		events.add(phq9("phq-0", 0, 14, 0));
		events.add(phq9("phq-28", days, 6, 0));
		return events;
	}

	@Test
	void stepDownReadinessNeedsFourWeeksAndEveryCriterion() {
		assertThat(evaluate(28, readyStory(28)).stepDownReady()).isTrue();
		assertThat(evaluate(27, readyStory(27)).readiness()).containsEntry("weeksInLevel", false);
		List<StepwiseEvent> lapse = new ArrayList<>(readyStory(28));
		lapse.add(uds("u", 1, true));
		assertThat(evaluate(28, lapse).readiness()).containsEntry("abstinent", false);
		List<StepwiseEvent> missed = new ArrayList<>(readyStory(28));
		missed.add(attendance("s21", 21, NO_SHOW));
		missed.add(attendance("s23", 23, NO_SHOW));
		assertThat(evaluate(28, missed).readiness()).containsEntry("attendance", false);
		List<StepwiseEvent> craving = new ArrayList<>(readyStory(28));
		craving.add(checkIn(28, 10, false));
		craving.add(checkIn(27, 10, false));
		assertThat(evaluate(28, craving).stepDownReady()).isFalse();
		// OP has no step down; no plan, no readiness
		assertThat(evaluate(28, readyStory(28), new PlanContext("1.0", false, Facts.START, Facts.START),
				Thresholds.DEFAULTS)
			.stepDownReady()).isFalse();
	}

	@Test
	void stepUpOnSeverePhq9OrRepeatedUseWithAttendanceIntact() {
		assertThat(evaluate(2, List.of(phq9("a", 2, 19, 0))).stepUpReasons()).isEmpty();
		assertThat(evaluate(2, List.of(phq9("a", 2, 20, 0))).stepUpReasons()).extracting("code")
			.containsExactly("PHQ9_SEVERE");
		assertThat(evaluate(2, List.of(checkIn(1, 1, true), checkIn(2, 1, true))).stepUpReasons()).extracting("code")
			.containsExactly("S6");
	}

	@Test
	void overridesAreCheckedByName() {
		assertThat(Thresholds.DEFAULTS.withOverrides(Map.of("silenceDays", "5")).silenceDays()).isEqualTo(5);
		assertThatIllegalArgumentException().isThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("nope", "1")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("silenceDays", "x")));
	}

	/**
	 * Day boundaries are the program's (issue 18): a PHQ-9 at 21:42 in Chicago on
	 * 2026-12-05 is 03:42 UTC on the 6th, and reads as the 5th; so does a check-in's day
	 * in the silence evidence.
	 */
	@Test
	void evidenceNamesTheProgramsLocalDay() {
		java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
		java.time.Instant evening = java.time.LocalDateTime.of(2026, 12, 5, 21, 42).atZone(chicago).toInstant();
		assertThat(evening).isEqualTo("2026-12-06T03:42:00Z");
		StepwiseEvent phq9 = new org.stepwise.contracts.assessment.AssessmentScored("phq", "program-a", "p1",
				Instrument.PHQ9, Map.of("9", 2), 12, Map.of(), "moderate", List.of(),
				org.stepwise.contracts.assessment.SafetyLevel.CRITICAL, java.util.Set.of(), evening, evening);
		StepwiseEvent checkIn = new org.stepwise.contracts.checkin.CheckInSubmitted("ci", "program-a", "p1", 6, 2,
				false, List.of(), java.math.BigDecimal.valueOf(7), 3, true, java.util.Set.of(), evening, evening);
		PlanContext plan = new PlanContext("2.1", false, java.time.LocalDate.of(2026, 12, 1),
				java.time.LocalDate.of(2026, 12, 1));
		// four local days later, just after midnight in Chicago (still the 9th in UTC
		// until 06:00)
		java.time.Instant later = java.time.LocalDateTime.of(2026, 12, 9, 0, 30).atZone(chicago).toInstant();
		Assessment assessment = Rules.evaluate(Projection.EMPTY.fold(List.of(phq9, checkIn)), plan, Thresholds.DEFAULTS,
				chicago, later);
		assertThat(signal(assessment, "S1").evidence()).isEqualTo("PHQ-9 item 9 = 2 on 2026-12-05");
		assertThat(signal(assessment, "S12").evidence()).isEqualTo("no check-in for 3 days since 2026-12-06");
		assertThat(signal(assessment, "S12").since()).isEqualTo("2026-12-06T06:00:00Z");
	}

}
