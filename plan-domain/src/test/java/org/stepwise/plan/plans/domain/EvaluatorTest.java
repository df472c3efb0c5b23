package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
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

}
