package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationDecision;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Recommendations and their lifecycle, and what an evaluation publishes. */
class EvaluatorTest {

	static PatientState enrolled(int hours, boolean locked) {
		PatientState state = PlanActions
			.enrol(PatientState.start("p1", "program-a"), new LevelOfCare("2.1", 3), false, BigDecimal.valueOf(hours),
					hours / 3, List.of(), List.of("c1"), PlanMode.AUTOMATIC, Facts.START, "c1", Facts.at(0, 8))
			.state();
		return locked ? PlanActions.settings(state, true, null, null, null, "c1", "locked", Facts.at(0, 8)).state()
				: state;
	}

	static Evaluator.Result evaluate(PatientState state, List<StepwiseEvent> facts, int day, Thresholds thresholds) {
		return Evaluator.evaluate(state.withProjection(state.projection().fold(facts)), thresholds,
				LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(day, 22), List.of("e" + day));
	}

	@Test
	void highRiskForFourteenDaysAtTheTopOfTheBandRecommendsAStepUp() {
		Thresholds thresholds = Thresholds.DEFAULTS.withOverrides(Map.of("useWindowDays", "28"));
		PatientState state = enrolled(18, true);
		List<StepwiseEvent> facts = new ArrayList<>();
		for (int day = 0; day <= 15; day++) {
			facts.add(Facts.checkIn(day, 8, day == 1));
		}
		Evaluator.Result day1 = evaluate(state, facts, 1, thresholds);
		assertThat(day1.assessment().riskLevel()).isEqualTo(RiskLevel.HIGH);
		assertThat(day1.events()).hasOnlyElementsOfType(ProgressAssessed.class);
		Evaluator.Result day14 = evaluate(day1.state(), List.of(), 14, thresholds);
		assertThat(day14.events()).as("13 days only").noneMatch(RecommendationMade.class::isInstance);
		Evaluator.Result day15 = evaluate(day14.state(), List.of(), 15, thresholds);
		assertThat(day15.events()).singleElement().isInstanceOfSatisfying(RecommendationMade.class, (made) -> {
			assertThat(made.kind()).isEqualTo(RecommendationKind.STEP_UP);
			assertThat(made.toLevel().code()).isEqualTo("2.5");
			assertThat(made.reasons()).extracting("code").contains("RISK_HIGH", "S6", "S7");
			assertThat(made.careTeam()).containsExactly("c1");
		});
		// one pending per kind: not made again
		// no second recommendation (the early warning may move with the days, and
		// publish)
		assertThat(evaluate(day15.state(), List.of(), 16, thresholds).events())
			.noneMatch((event) -> !(event instanceof ProgressAssessed));
		// the craving run's evidence is stable from day to day (no republishing for it)
		assertThat(day14.assessment().signal("S7")).isEqualTo(day1.assessment().signal("S7"));
		// locked: no automatic change all along
		assertThat(day15.state().plans()).hasSize(2);
	}

	@Test
	void anEmergentCssrsRecommendsCrisisEvaluationAndAStepUp() {
		Evaluator.Result result = evaluate(enrolled(9, false), List.of(Facts.cssrs("c", 3, true)), 3,
				Thresholds.DEFAULTS);
		assertThat(result.events()).filteredOn(RecommendationMade.class::isInstance)
			.extracting((e) -> ((RecommendationMade) e).kind())
			.containsExactlyInAnyOrder(RecommendationKind.CRISIS_EVALUATION, RecommendationKind.STEP_UP);
		assertThat(result.events()).filteredOn(PlanChanged.class::isInstance)
			.as("safety is not relapse risk")
			.isEmpty();
	}

	@Test
	void aDeclinedRecommendationWaitsForItsCooldown() {
		PatientState state = enrolled(9, false);
		List<StepwiseEvent> severe = List.of(Facts.phq9("a", 2, 21, 0));
		Evaluator.Result made = evaluate(state, severe, 2, Thresholds.DEFAULTS);
		Recommendation recommendation = made.state().recommendations().getFirst();
		assertThat(recommendation.kind()).isEqualTo(RecommendationKind.STEP_UP);
		PatientState declined = PlanActions
			.decide(made.state(), recommendation.recommendationId(), false, "c1", Thresholds.DEFAULTS,
					LocalDate.of(2026, 3, 4), Facts.at(2, 23))
			.state();
		assertThatExceptionOfType(PlanActions.Conflict.class)
			.isThrownBy(() -> PlanActions.decide(declined, recommendation.recommendationId(), true, "c1",
					Thresholds.DEFAULTS, LocalDate.of(2026, 3, 4), Facts.at(2, 23)));
		// PHQ-9 retaken 21 on day 15 (within 30 days): cooldown until day 16 at 23:00
		List<StepwiseEvent> again = List.of(Facts.phq9("b", 15, 21, 0));
		assertThat(evaluate(declined, again, 15, Thresholds.DEFAULTS).events())
			.noneMatch(RecommendationMade.class::isInstance);
		assertThat(evaluate(declined, again, 17, Thresholds.DEFAULTS).events())
			.anyMatch(RecommendationMade.class::isInstance);
	}

	@Test
	void approvingAStepUpMovesTheLevelIntoItsBand() {
		PatientState state = evaluate(enrolled(12, false), List.of(Facts.phq9("a", 2, 22, 0)), 2, Thresholds.DEFAULTS)
			.state();
		String id = state.recommendations().getFirst().recommendationId();
		PlanActions.Outcome approved = PlanActions.decide(state, id, true, "c1", Thresholds.DEFAULTS,
				LocalDate.of(2026, 3, 4), Facts.at(2, 23));
		PlanVersion plan = approved.state().plan();
		assertThat(plan.levelOfCare().code()).isEqualTo("2.5");
		assertThat(plan.weeklyHours()).isEqualByComparingTo("20");
		assertThat(plan.sessionsPerWeek()).isEqualTo(7);
		assertThat(plan.direction()).isEqualTo(ChangeDirection.STEP_UP);
		assertThat(plan.changedBy()).isEqualTo("c1");
		assertThat(plan.levelSince()).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(approved.events()).hasSize(2);
	}

	/**
	 * Issue 18: an intake PHQ-9 of 21 recommends a STEP_UP 2.1 -> 2.5 on day 0; four
	 * weeks of full attendance later (PHQ-9 6) the patient is step-down ready. Four weeks
	 * of daily clock passes, and never two pending recommendations in opposite
	 * directions.
	 */
	static List<StepwiseEvent> intakeThenRecovery(int days) {
		List<StepwiseEvent> facts = new ArrayList<>();
		facts.add(Facts.phq9("phq-intake", 0, 21, 0));
		for (int day = 0; day <= days; day++) {
			if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
				facts.add(Facts.session("s" + day, day));
				facts.add(Facts.attendance("s" + day, day, AttendanceStatus.ATTENDED));
			}
			facts.add(Facts.checkIn(day, 2, false));
		}
		facts.add(Facts.phq9("phq-28", 28, 6, 0));
		return facts;
	}

	/** Evaluates day by day (the clock pass), each day's facts at 22:00. */
	static List<Evaluator.Result> daily(PatientState state, List<StepwiseEvent> facts, int days,
			Thresholds thresholds) {
		List<Evaluator.Result> results = new ArrayList<>();
		PatientState current = state;
		for (int day = 0; day <= days; day++) {
			int today = day;
			List<StepwiseEvent> ofToday = facts.stream().filter((f) -> dayOf(f) == today).toList();
			Evaluator.Result result = evaluate(current, ofToday, day, thresholds);
			results.add(result);
			current = result.state();
		}
		return results;
	}

	/** The clinical day of a fact (a scheduled session's: the day it takes place). */
	static int dayOf(StepwiseEvent fact) {
		Instant at = (fact instanceof SessionScheduled scheduled) ? scheduled.startsAt()
				: Projection.clinicalTime(fact);
		return (int) ChronoUnit.DAYS.between(Facts.START, LocalDate.ofInstant(at, Facts.ZONE));
	}

	static long pending(PatientState state, RecommendationKind kind) {
		return state.recommendations()
			.stream()
			.filter((r) -> r.kind() == kind && r.status() == Recommendation.Status.PENDING)
			.count();
	}

	@Test
	void aStaleStepUpNeverStaysPendingBesideAStepDown() {
		List<Evaluator.Result> days = daily(enrolled(9, true), intakeThenRecovery(28), 28, Thresholds.DEFAULTS);
		assertThat(days.getFirst().state().recommendations()).singleElement()
			.satisfies((r) -> assertThat(r.kind()).isEqualTo(RecommendationKind.STEP_UP));
		PatientState last = days.getLast().state();
		assertThat(pending(last, RecommendationKind.STEP_DOWN)).isOne();
		for (Evaluator.Result day : days) {
			assertThat(pending(day.state(), RecommendationKind.STEP_UP)
					+ pending(day.state(), RecommendationKind.STEP_DOWN))
				.as("pending in opposite directions")
				.isLessThanOrEqualTo(1);
		}
	}

	@Test
	void aNewerRecommendationInTheOppositeDirectionWithdrawsTheStaleOne() {
		// long enough that the step-up is still pending when the step-down comes
		Thresholds thresholds = Thresholds.DEFAULTS.withOverrides(Map.of("recommendationExpiryDays", "60"));
		List<Evaluator.Result> days = daily(enrolled(9, true), intakeThenRecovery(28), 28, thresholds);
		Evaluator.Result day28 = days.getLast();
		Recommendation stepUp = day28.state().recommendations().getFirst();
		assertThat(stepUp.kind()).isEqualTo(RecommendationKind.STEP_UP);
		assertThat(stepUp.status()).isEqualTo(Recommendation.Status.WITHDRAWN);
		assertThat(stepUp.closedReason()).isEqualTo("superseded by STEP_DOWN to 1.0");
		assertThat(stepUp.decidedBy()).isEqualTo(Recommendation.STEPWISE);
		assertThat(stepUp.decidedAt()).isEqualTo(Facts.at(28, 22));
		// published, so alert-service resolves the step-up's alert
		assertThat(day28.events()).filteredOn(RecommendationDecided.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(RecommendationDecided.class, (decided) -> {
				assertThat(decided.recommendationId()).isEqualTo(stepUp.recommendationId());
				assertThat(decided.decision()).isEqualTo(RecommendationDecision.WITHDRAWN);
				assertThat(decided.approved()).isFalse();
				assertThat(decided.decidedBy()).isEqualTo("stepwise");
				assertThat(decided.reason()).isEqualTo("superseded by STEP_DOWN to 1.0");
			});
		assertThat(day28.events()).filteredOn(RecommendationMade.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(RecommendationMade.class,
					(made) -> assertThat(made.kind()).isEqualTo(RecommendationKind.STEP_DOWN));
		// a withdrawn recommendation can be neither approved nor declined (a 409)
		for (boolean approve : List.of(true, false)) {
			assertThatExceptionOfType(PlanActions.Conflict.class)
				.isThrownBy(() -> PlanActions.decide(day28.state(), stepUp.recommendationId(), approve, "c1",
						thresholds, LocalDate.of(2026, 3, 30), Facts.at(28, 23)))
				.withMessage("recommendation withdrawn");
		}
	}

	@Test
	void aPendingRecommendationExpiresAfterFourteenDays() {
		List<Evaluator.Result> days = daily(enrolled(9, true), intakeThenRecovery(20), 20, Thresholds.DEFAULTS);
		// made on day 0 at 22:00 CST; 14 x 24 h later is day 14 at 23:00 CDT (daylight
		// saving began on day 6), so still pending at day 14's 22:00, expired at day 15's
		assertThat(days.get(14).state().recommendations().getFirst().status()).isEqualTo(Recommendation.Status.PENDING);
		Evaluator.Result day15 = days.get(15);
		Recommendation expired = day15.state().recommendations().getFirst();
		assertThat(expired.status()).isEqualTo(Recommendation.Status.EXPIRED);
		assertThat(expired.closedReason()).isEqualTo("no decision within 14 days");
		assertThat(day15.events()).filteredOn(RecommendationDecided.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(RecommendationDecided.class,
					(decided) -> assertThat(decided.decision()).isEqualTo(RecommendationDecision.EXPIRED));
		// not made again at once: an unanswered recommendation waits the cooldown like a
		// declined one (the intake PHQ-9 is still within its 30 days)
		assertThat(days.subList(15, 21))
			.allSatisfy((day) -> assertThat(day.events()).noneMatch(RecommendationMade.class::isInstance));
		assertThatExceptionOfType(PlanActions.Conflict.class)
			.isThrownBy(() -> PlanActions.decide(day15.state(), expired.recommendationId(), true, "c1",
					Thresholds.DEFAULTS, LocalDate.of(2026, 3, 17), Facts.at(15, 23)))
			.withMessage("recommendation expired");
	}

}
