package org.stepwise.plan.progress.domain;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.progress.domain.InstrumentSchedule.InstrumentDue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.stepwise.contracts.program.ProgramType.ADDICTION;
import static org.stepwise.contracts.program.ProgramType.ADOLESCENT;
import static org.stepwise.contracts.program.ProgramType.DUAL_DIAGNOSIS;
import static org.stepwise.contracts.program.ProgramType.EATING_DISORDER;
import static org.stepwise.contracts.program.ProgramType.MENTAL_HEALTH;
import static org.stepwise.plan.progress.domain.Facts.START;
import static org.stepwise.plan.progress.domain.Facts.ZONE;

/**
 * Instrument schedules (docs/clinical-rules.md section 8, "Instrument schedules"): which
 * instruments each program type schedules, and worked examples of the due date at, just
 * before and just after it. Day n is {@code Facts.START} plus n days; treatment starts on
 * day 0.
 */
class InstrumentScheduleTest {

	private static final Map<Instrument, Integer> MENTAL_HEALTH_SET = Map.of(Instrument.PHQ9, 14, Instrument.GAD7, 14);

	private static final Map<Instrument, Integer> ADDICTION_SET = Map.of(Instrument.BAM, 28, Instrument.AUDITC, 90,
			Instrument.DAST10, 90);

	private static InstrumentSchedule schedule(ProgramType... types) {
		return InstrumentSchedule.of(ProgramFocus.of(List.of(types)), Thresholds.DEFAULTS);
	}

	private static LocalDate day(int n) {
		return START.plusDays(n);
	}

	private static InstrumentDue phq9Due(Projection facts) {
		return new InstrumentSchedule(Map.of(Instrument.PHQ9, 14)).due(facts, START, ZONE).getFirst();
	}

	@Test
	void mentalHealthGivesPhq9AndGad7EveryTwoWeeks() {
		assertThat(schedule(MENTAL_HEALTH).everyDays()).isEqualTo(MENTAL_HEALTH_SET);
	}

	@Test
	void addictionGivesBamMonthlyAndAuditCAndDast10Quarterly() {
		assertThat(schedule(ADDICTION).everyDays()).isEqualTo(ADDICTION_SET);
	}

	@Test
	void dualDiagnosisIsTheUnionAsIsAddictionWithMentalHealth() {
		Map<Instrument, Integer> union = new EnumMap<>(Instrument.class);
		union.putAll(MENTAL_HEALTH_SET);
		union.putAll(ADDICTION_SET);
		assertThat(schedule(DUAL_DIAGNOSIS).everyDays()).isEqualTo(union);
		assertThat(schedule(ADDICTION, MENTAL_HEALTH).everyDays()).isEqualTo(union);
		assertThat(schedule(DUAL_DIAGNOSIS, ADOLESCENT).everyDays()).isEqualTo(union);
	}

	@Test
	void noTypesScheduleAsAddictionWithMentalHealthAndAdolescentAloneToo() {
		Map<Instrument, Integer> dual = schedule(DUAL_DIAGNOSIS).everyDays();
		assertThat(schedule().everyDays()).isEqualTo(dual);
		assertThat(InstrumentSchedule.of(ProgramFocus.of(null), Thresholds.DEFAULTS).everyDays()).isEqualTo(dual);
		assertThat(InstrumentSchedule.of(ProgramFocus.DEFAULT, Thresholds.DEFAULTS).everyDays()).isEqualTo(dual);
		assertThat(schedule(ADOLESCENT).everyDays()).isEqualTo(dual);
		assertThat(schedule(ADOLESCENT, MENTAL_HEALTH).everyDays()).isEqualTo(MENTAL_HEALTH_SET);
	}

	@Test
	void eatingDisorderSchedulesTheEdeQsWeekly() {
		assertThat(schedule(EATING_DISORDER).everyDays()).isEqualTo(Map.of(Instrument.EDEQS, 7));
		Map<Instrument, Integer> withMentalHealth = new EnumMap<>(MENTAL_HEALTH_SET);
		withMentalHealth.put(Instrument.EDEQS, 7);
		assertThat(schedule(EATING_DISORDER, MENTAL_HEALTH).everyDays()).isEqualTo(withMentalHealth);
		assertThat(schedule().everyDays()).doesNotContainKey(Instrument.EDEQS);
		assertThat(InstrumentSchedule
			.of(ProgramFocus.of(List.of(EATING_DISORDER)),
					Thresholds.DEFAULTS.withOverrides(Map.of("edeqsEveryDays", "0")))
			.everyDays()).isEmpty();
	}

	@Test
	void aProgramOverridesAnIntervalTurnsOneOffOrSchedulesPacs() {
		Thresholds own = Thresholds.DEFAULTS
			.withOverrides(Map.of("phq9EveryDays", "7", "bamEveryDays", "0", "pacsEveryDays", "7"));
		assertThat(InstrumentSchedule.of(ProgramFocus.DEFAULT, own).everyDays()).isEqualTo(Map.of(Instrument.PHQ9, 7,
				Instrument.GAD7, 14, Instrument.AUDITC, 90, Instrument.DAST10, 90, Instrument.PACS, 7));
		// an override selects no instrument the focus does not: PHQ-9 stays off in
		// addiction
		assertThat(InstrumentSchedule.of(ProgramFocus.of(List.of(ADDICTION)), own).everyDays())
			.containsOnlyKeys(Instrument.AUDITC, Instrument.DAST10, Instrument.PACS);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Thresholds.DEFAULTS.withOverrides(Map.of("phq9EveryDays", "fortnightly")));
	}

	@Test
	void neverTakenIsDueOneIntervalAfterTheStartNotBefore() {
		InstrumentDue due = phq9Due(Projection.EMPTY);
		assertThat(due.lastOn()).isNull();
		assertThat(due.dueOn()).isEqualTo(day(14));
		// just before: enrolled 13 days ago, not due
		assertThat(due.dueOrOverdue(day(13))).isFalse();
		assertThat(due.overdue(day(13))).isFalse();
		// at: due today, not overdue
		assertThat(due.dueOrOverdue(day(14))).isTrue();
		assertThat(due.overdue(day(14))).isFalse();
		assertThat(due.overdueDays(day(14))).isZero();
		// just after: overdue 1 day; five days later, 5
		assertThat(due.overdue(day(15))).isTrue();
		assertThat(due.overdueDays(day(15))).isEqualTo(1);
		assertThat(due.overdueDays(day(19))).isEqualTo(5);
	}

	@Test
	void itSaysWhereItStandsInWords() {
		InstrumentDue due = phq9Due(Projection.EMPTY);
		assertThat(due.words(day(12))).isEqualTo("PHQ-9 due in 2 days");
		assertThat(due.words(day(13))).isEqualTo("PHQ-9 due in 1 day");
		assertThat(due.words(day(14))).isEqualTo("PHQ-9 due today");
		assertThat(due.words(day(15))).isEqualTo("PHQ-9 overdue 1 day");
		assertThat(due.words(day(19))).isEqualTo("PHQ-9 overdue 5 days");
		assertThat(new InstrumentDue(Instrument.AUDITC, 90, null, day(90)).words(day(91)))
			.isEqualTo("AUDIT-C overdue 1 day");
	}

	@Test
	void takenIsDueOneIntervalAfterTheLastOne() {
		Projection facts = Projection.EMPTY.fold(List.of(Facts.phq9("a1", 3, 12, 0), Facts.phq9("a2", 10, 9, 0)));
		InstrumentDue due = phq9Due(facts);
		assertThat(due.lastOn()).isEqualTo(day(10));
		assertThat(due.dueOn()).isEqualTo(day(24));
		assertThat(due.dueOrOverdue(day(23))).isFalse();
		assertThat(due.dueOrOverdue(day(24))).isTrue();
		assertThat(due.overdue(day(24))).isFalse();
		assertThat(due.overdueDays(day(25))).isEqualTo(1);
	}

	@Test
	void oneTakenBeforeTheStartCountsFromTheStart() {
		// an intake PHQ-9 three days before treatment began: due 14 days after the start
		InstrumentDue due = phq9Due(Projection.EMPTY.apply(Facts.phq9("intake", -3, 15, 0)));
		assertThat(due.lastOn()).isEqualTo(day(-3));
		assertThat(due.dueOn()).isEqualTo(day(14));
		assertThat(due.overdue(day(14))).isFalse();
		assertThat(due.overdueDays(day(15))).isEqualTo(1);
	}

	@Test
	void theLatestCountsInWhateverOrderTheyArrive() {
		Projection forward = Projection.EMPTY.fold(List.of(Facts.phq9("a1", 5, 12, 0), Facts.phq9("a2", 20, 9, 0)));
		Projection backward = Projection.EMPTY.fold(List.of(Facts.phq9("a2", 20, 9, 0), Facts.phq9("a1", 5, 12, 0)));
		assertThat(phq9Due(forward).dueOn()).isEqualTo(day(34));
		assertThat(phq9Due(backward)).isEqualTo(phq9Due(forward));
		assertThat(forward.lastScored()).isEqualTo(backward.lastScored()).hasSize(1);
	}

	@Test
	void theLastBamIsRememberedAfterRetentionLetsItsScoreGo() {
		// BAM has no total, so retention drops an old one; the schedule still knows the
		// day
		InstrumentSchedule bam = new InstrumentSchedule(Map.of(Instrument.BAM, 28));
		// retention counts back from the patient's latest fact: a check-in on day 119
		Projection facts = Projection.EMPTY.fold(List.of(Facts.bam("b1", 2, 0, 6, 18), Facts.checkIn(119, 2, false)));
		Projection pruned = Retention.of(Thresholds.DEFAULTS).prune(facts, ZONE, Facts.at(120, 12), Facts.at(120, 12));
		assertThat(pruned.scores()).isEmpty();
		InstrumentDue due = bam.due(pruned, START, ZONE).getFirst();
		assertThat(due.lastOn()).isEqualTo(day(2));
		assertThat(due.dueOn()).isEqualTo(day(30));
		assertThat(due.overdueDays(day(120))).isEqualTo(90);
		// the same BAM delivered again is no news
		assertThat(Retention.of(Thresholds.DEFAULTS).news(pruned, List.of(Facts.bam("b1", 2, 0, 6, 18)), ZONE))
			.isEmpty();
	}

	@Test
	void aLateOldInstrumentIsNewsOnlyIfItIsTheLatestOfItsKind() {
		Retention retention = Retention.of(Thresholds.DEFAULTS);
		Projection facts = Projection.EMPTY.fold(List.of(Facts.bam("b1", 2, 0, 6, 18), Facts.checkIn(119, 2, false)));
		Projection pruned = retention.prune(facts, ZONE, Facts.at(120, 12), Facts.at(120, 12));
		// a BAM of day 10 reported only now: older than every window, but the latest BAM
		List<StepwiseEvent> later = List.of(Facts.bam("b2", 10, 0, 6, 18));
		assertThat(retention.news(pruned, later, ZONE)).containsExactly(0);
		Projection after = retention.prune(pruned.fold(later), ZONE, Facts.at(120, 12), Facts.at(120, 12));
		assertThat(after.scores()).isEmpty();
		assertThat(new InstrumentSchedule(Map.of(Instrument.BAM, 28)).due(after, START, ZONE).getFirst().dueOn())
			.isEqualTo(day(38));
		// one older than the last known changes nothing
		assertThat(retention.news(after, List.of(Facts.bam("b0", 1, 0, 6, 18)), ZONE)).isEmpty();
	}

	@Test
	void aScoreLateInTheEveningCountsOnItsLocalDay() {
		// 23:30 in Chicago is the next day in UTC: the due date counts from the local day
		Projection facts = Projection.EMPTY.apply(new AssessmentScored("late", "program-a", "p1", Instrument.PHQ9,
				Map.of("9", 0), 4, Map.of(), "minimal", List.of(), SafetyLevel.NONE, Set.of(),
				day(20).atTime(23, 30).atZone(ZONE).toInstant(), day(20).atTime(23, 31).atZone(ZONE).toInstant()));
		assertThat(phq9Due(facts).lastOn()).isEqualTo(day(20));
		assertThat(phq9Due(facts).dueOn()).isEqualTo(day(34));
	}

	@Test
	void everyScheduledInstrumentHasItsDueDateInInstrumentOrder() {
		Projection facts = Projection.EMPTY.fold(List.of(Facts.phq9("a1", 3, 12, 0), Facts.bam("b1", 5, 0, 6, 18)));
		List<InstrumentDue> due = schedule(DUAL_DIAGNOSIS).due(facts, START, ZONE);
		assertThat(due).extracting(InstrumentDue::instrument)
			.containsExactly(Instrument.PHQ9, Instrument.GAD7, Instrument.AUDITC, Instrument.DAST10, Instrument.BAM);
		assertThat(due).extracting(InstrumentDue::dueOn).containsExactly(day(17), day(14), day(90), day(90), day(33));
	}

}
