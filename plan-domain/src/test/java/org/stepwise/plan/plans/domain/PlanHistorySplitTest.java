package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of the plan's history stays with the patient (issue 19): the current version, the
 * pending recommendations and, per kind, the latest declined or expired one (its
 * cooldown). Evaluating the split state decides exactly as the whole one, and numbers new
 * recommendations after every one ever made.
 */
class PlanHistorySplitTest {

	@Test
	void theSplitStateKeepsWhatTheEvaluationReadsAndDecidesTheSame() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		// a clinician's change: version 2
		state = PlanActions
			.change(state, new LevelOfCare("2.1", 3), BigDecimal.valueOf(12), 4, "c1", "more groups",
					LocalDate.of(2026, 3, 3), Facts.at(1, 9))
			.state();
		// a severe PHQ-9: a STEP_UP, declined
		state = evaluate(state, List.of(Facts.phq9("a", 2, 21, 0)), 2).state();
		String stepUp = state.recommendations().getFirst().recommendationId();
		state = decide(state, stepUp, false, 2);
		// an emergent C-SSRS: a crisis evaluation (the STEP_UP waits its cooldown),
		// approved
		state = evaluate(state, List.of(Facts.cssrs("c", 3, true)), 3).state();
		String crisis = state.recommendations().getLast().recommendationId();
		assertThat(state.recommendations().getLast().kind()).isEqualTo(RecommendationKind.CRISIS_EVALUATION);
		state = decide(state, crisis, true, 3);

		PatientState.Split split = state.split();

		assertThat(split.hot().plans()).containsExactly(state.plan());
		assertThat(split.pastPlans()).extracting(PlanVersion::version)
			.containsExactlyElementsOf(
					state.plans().stream().map(PlanVersion::version).toList().subList(0, state.plans().size() - 1));
		assertThat(split.hot().recommendations()).extracting(Recommendation::recommendationId)
			.as("the decline's cooldown")
			.containsExactly(stepUp);
		assertThat(split.closedRecommendations()).extracting(Recommendation::recommendationId).containsExactly(crisis);
		assertThat(split.hot().split().isEmpty()).isTrue();

		// within the cooldown and after it, the split state decides as the whole one
		List<StepwiseEvent> again = List.of(Facts.phq9("b", 15, 21, 0));
		for (int day : List.of(15, 17)) {
			Evaluator.Result whole = evaluate(state, again, day);
			Evaluator.Result hot = evaluate(split.hot(), again, day);
			assertThat(hot.events()).as("day %d", day).isEqualTo(whole.events());
			assertThat(hot.state().plan()).isEqualTo(whole.state().plan());
		}
		// numbered after every one ever made, not after those the list still holds
		assertThat(evaluate(split.hot(), again, 17).events()).filteredOn(RecommendationMade.class::isInstance)
			.extracting((e) -> ((RecommendationMade) e).recommendationId())
			.startsWith("p1-rec-3")
			.doesNotContain("p1-rec-1", "p1-rec-2");
	}

	private static Evaluator.Result evaluate(PatientState state, List<StepwiseEvent> facts, int day) {
		return Evaluator.evaluate(state.withProjection(state.projection().fold(facts)), Thresholds.DEFAULTS,
				LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(day, 22), List.of("e" + day));
	}

	private static PatientState decide(PatientState state, String recommendationId, boolean approve, int day) {
		return PlanActions
			.decide(state, recommendationId, approve, "c1", Thresholds.DEFAULTS, Facts.START.plusDays(day),
					Facts.at(day, 23))
			.state();
	}

}
