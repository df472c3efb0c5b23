package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Discharge, aftercare and its end through the evaluation: enrolled at OP (1.0) on day 0,
 * discharged on day 10 (12 March 2026).
 */
class AftercareEvaluationTest {

	private static final LocalDate DISCHARGE_DAY = Facts.START.plusDays(10);

	private static PatientState enrolled(String level) {
		return PlanActions
			.enrol(PatientState.start("p1", "program-a"), new LevelOfCare(level, 3), false, BigDecimal.valueOf(3), 1,
					List.of(), List.of("c1"), PlanMode.AUTOMATIC, Facts.START, "c1", Facts.at(0, 8))
			.state();
	}

	private static PlanActions.Outcome discharged(PatientState state, boolean planned) {
		return PlanActions.discharge(state, planned, "c1", "completed OP", DISCHARGE_DAY, Facts.at(10, 9));
	}

	private static Evaluator.Result evaluate(PatientState state, List<StepwiseEvent> facts, int day) {
		return Evaluator.evaluate(state.withProjection(state.projection().fold(facts)), Thresholds.DEFAULTS,
				LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(day, 22), List.of("e" + day));
	}

	@Test
	void dischargeFollowsTheStepDownToOpOrIsPlanned() {
		PlanActions.Outcome fromOp = discharged(enrolled("1.0"), false);
		assertThat(fromOp.state().plan().phase()).isEqualTo(PlanPhase.AFTERCARE);
		assertThat(fromOp.events()).singleElement().isInstanceOfSatisfying(PlanChanged.class, (changed) -> {
			assertThat(changed.phase()).isEqualTo(PlanPhase.AFTERCARE);
			assertThat(changed.phaseSince()).isEqualTo(DISCHARGE_DAY);
			assertThat(changed.levelOfCare().code()).isEqualTo("1.0");
			assertThat(changed.changedBy()).isEqualTo("c1");
			assertThat(changed.reasons()).singleElement().satisfies((reason) -> {
				assertThat(reason.code()).isEqualTo("DISCHARGED");
				assertThat(reason.values()).containsEntry("planned", "false");
			});
		});
		assertThatExceptionOfType(PlanActions.Conflict.class).isThrownBy(() -> discharged(enrolled("2.1"), false))
			.withMessageContaining("step-down to OP");
		assertThat(discharged(enrolled("2.1"), true).state().plan().inAftercare()).isTrue();
		assertThatExceptionOfType(PlanActions.Conflict.class).isThrownBy(() -> discharged(fromOp.state(), true))
			.withMessage("patient already discharged");
		// recorded after the fact: from the start of the level to today
		assertThat(PlanActions
			.discharge(enrolled("1.0"), false, Facts.START.plusDays(3), "c1", "done", DISCHARGE_DAY, Facts.at(10, 9))
			.state()
			.plan()
			.phaseSince()).isEqualTo(Facts.START.plusDays(3));
		assertThatExceptionOfType(PlanActions.Conflict.class).isThrownBy(() -> PlanActions.discharge(enrolled("1.0"),
				false, DISCHARGE_DAY.plusDays(1), "c1", "done", DISCHARGE_DAY, Facts.at(10, 9)));
		assertThatExceptionOfType(PlanActions.Conflict.class).isThrownBy(() -> PlanActions.discharge(enrolled("1.0"),
				false, Facts.START.minusDays(1), "c1", "done", DISCHARGE_DAY, Facts.at(10, 9)));
		// a plan from before phases existed reads as in treatment
		assertThat(enrolled("1.0").plan().phase()).isEqualTo(PlanPhase.IOP);
	}

	@Test
	void inAftercareMissedSessionsAndSilenceAreNoRisk() {
		PatientState state = discharged(enrolled("1.0"), false).state();
		// sessions still on a calendar, all missed, and no check-in for three weeks
		List<StepwiseEvent> facts = List.of(Facts.session("s1", 12),
				Facts.attendance("s1", 12, AttendanceStatus.NO_SHOW), Facts.session("s2", 19),
				Facts.attendance("s2", 19, AttendanceStatus.NO_SHOW), Facts.session("s3", 26),
				Facts.attendance("s3", 26, AttendanceStatus.NO_SHOW));
		Evaluator.Result result = evaluate(state, facts, 31);
		assertThat(result.assessment().signals()).extracting(SignalFired::id)
			.doesNotContain("S9", "S10", "S11", "S12", "S17");
		assertThat(result.assessment().riskLevel()).isEqualTo(RiskLevel.LOW);
		assertThat(result.events()).noneMatch(RecommendationMade.class::isInstance);
		// the same in treatment would be disengagement
		Evaluator.Result inTreatment = evaluate(enrolled("1.0"), facts, 31);
		assertThat(inTreatment.assessment().signals()).extracting(SignalFired::id).contains("S9");
	}

	@Test
	void useInAMonthlyCheckInRecommendsAReturnToIopThatAClinicianApproves() {
		PatientState state = discharged(enrolled("1.0"), false).state();
		Evaluator.Result result = evaluate(state, List.of(Facts.checkIn(105, 6, true)), 105);
		assertThat(result.events()).filteredOn(ProgressAssessed.class::isInstance)
			.singleElement()
			.satisfies((e) -> assertThat(((ProgressAssessed) e).signals()).extracting(SignalFired::kind)
				.contains("RE_ENTRY"));
		RecommendationMade made = result.events()
			.stream()
			.filter(RecommendationMade.class::isInstance)
			.map(RecommendationMade.class::cast)
			.filter((m) -> m.kind() == RecommendationKind.RE_ENTRY)
			.findFirst()
			.orElseThrow();
		assertThat(made.fromLevel().code()).isEqualTo("1.0");
		assertThat(made.toLevel().code()).isEqualTo("2.1");
		assertThat(made.reasons()).singleElement().satisfies((reason) -> {
			assertThat(reason.code()).isEqualTo("S17");
			assertThat(reason.evidence()).contains("use reported on 2026-06-15");
		});
		// the next evaluation does not make it again
		assertThat(evaluate(result.state(), List.of(), 106).events()).noneMatch(RecommendationMade.class::isInstance);

		PlanActions.Outcome approved = PlanActions.decide(result.state(), made.recommendationId(), true, "c1",
				Thresholds.DEFAULTS, Facts.START.plusDays(106), Facts.at(106, 9));
		PlanVersion back = approved.state().plan();
		assertThat(back.phase()).isEqualTo(PlanPhase.IOP);
		assertThat(back.phaseSince()).isEqualTo(Facts.START.plusDays(106));
		assertThat(back.levelOfCare().code()).isEqualTo("2.1");
		assertThat(back.direction()).isEqualTo(ChangeDirection.STEP_UP);
		// into the IOP band (9-19 hours for adults), three hours a session
		assertThat(back.weeklyHours()).isEqualByComparingTo("9");
		assertThat(approved.events()).hasSize(2)
			.anyMatch((e) -> e instanceof PlanChanged changed && changed.phase() == PlanPhase.IOP);
	}

	@Test
	void aDischargeWithdrawsAPendingLevelChange() {
		PatientState pending = evaluate(enrolled("1.0"), List.of(Facts.phq9("a", 2, 22, 0)), 2).state();
		assertThat(pending.recommendations()).extracting(Recommendation::kind).contains(RecommendationKind.STEP_UP);
		Evaluator.Result result = evaluate(discharged(pending, false).state(), List.of(), 10);
		assertThat(result.events()).filteredOn(RecommendationDecided.class::isInstance)
			.extracting((e) -> ((RecommendationDecided) e).reason())
			.contains("discharged to aftercare");
	}

	@Test
	void aftercareEndsAYearAfterTheDischargeAndThePatientIsClosedWithTheHistoryKept() {
		PatientState state = discharged(enrolled("1.0"), false).state();
		int dayBefore = (int) java.time.temporal.ChronoUnit.DAYS.between(Facts.START, DISCHARGE_DAY.plusYears(1)) - 1;
		assertThat(evaluate(state, List.of(), dayBefore).events()).noneMatch(PlanChanged.class::isInstance);
		Evaluator.Result closing = evaluate(state, List.of(Facts.checkIn(dayBefore + 1, 8, true)), dayBefore + 1);
		assertThat(closing.events()).filteredOn(PlanChanged.class::isInstance).singleElement().satisfies((e) -> {
			PlanChanged changed = (PlanChanged) e;
			assertThat(changed.phase()).isEqualTo(PlanPhase.CLOSED);
			assertThat(changed.phaseSince()).isEqualTo(LocalDate.of(2027, 3, 12));
			assertThat(changed.changedBy()).isEqualTo("system");
		});
		// closed: nothing is monitored any more, not even the use on the closing day
		assertThat(closing.assessment().signals()).isEmpty();
		assertThat(closing.events()).noneMatch(RecommendationMade.class::isInstance);
		assertThat(closing.state().plans()).extracting(PlanVersion::phase)
			.containsExactly(PlanPhase.IOP, PlanPhase.AFTERCARE, PlanPhase.CLOSED);
	}

}
