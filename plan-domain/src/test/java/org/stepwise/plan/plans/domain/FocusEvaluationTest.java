package org.stepwise.plan.plans.domain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator under a program's focus: the early warning runs with an addiction focus
 * only, and a program without types evaluates as before.
 */
class FocusEvaluationTest {

	/** Craving climbing and confidence falling for a week: the early warning rises. */
	static List<StepwiseEvent> precursors() {
		List<StepwiseEvent> facts = new ArrayList<>();
		for (int day = 0; day <= 14; day++) {
			facts.add(new org.stepwise.contracts.checkin.CheckInSubmitted("ci-" + day, "program-a", "p1", 3,
					(day < 7) ? 1 : Math.min(10, day - 3), false, List.of(), java.math.BigDecimal.valueOf(4), 8, true,
					java.util.Set.of(), Facts.at(day, 20), Facts.at(day, 20), (day < 7) ? 9 : 2, day >= 10, null));
		}
		return facts;
	}

	static Evaluator.Result evaluate(PatientState state, ProgramFocus focus, int day) {
		return Evaluator.evaluate(state.withProjection(state.projection().fold(precursors())), Thresholds.DEFAULTS,
				focus, LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(day, 22), List.of("e" + day));
	}

	@Test
	void theDefaultFocusIsTheEvaluationWithoutAFocus() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		for (int day : List.of(3, 10, 14)) {
			Evaluator.Result without = Evaluator.evaluate(state.withProjection(state.projection().fold(precursors())),
					Thresholds.DEFAULTS, LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(day, 22), List.of("e" + day));
			assertThat(evaluate(state, ProgramFocus.DEFAULT, day)).isEqualTo(without);
		}
	}

	@Test
	void withoutAnAddictionFocusNoLapseRiskIsEstimatedOrPublished() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		Evaluator.Result addiction = evaluate(state, ProgramFocus.of(List.of(ProgramType.ADDICTION)), 14);
		assertThat(addiction.lapseEstimate()).isNotNull();
		assertThat(addiction.state().earlyWarning()).isNotNull();
		assertThat(addiction.state().earlyWarning().level()).isNotEqualTo(LapseRiskLevel.LOW);

		Evaluator.Result mentalHealth = evaluate(state, ProgramFocus.of(List.of(ProgramType.MENTAL_HEALTH)), 14);
		assertThat(mentalHealth.lapseEstimate()).isNull();
		assertThat(mentalHealth.state().earlyWarning()).isNull();
		assertThat(mentalHealth.events()).filteredOn(ProgressAssessed.class::isInstance)
			.allSatisfy((event) -> assertThat(((ProgressAssessed) event).lapseRisk()).isNull());
	}

	@Test
	void aWarningPublishedUnderAnotherFocusIsWithdrawn() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		Evaluator.Result warned = evaluate(state, ProgramFocus.DEFAULT, 14);
		assertThat(warned.state().earlyWarning()).isNotNull();

		// the program now declares eating disorder only: the next evaluation says so
		Evaluator.Result after = Evaluator.evaluate(warned.state(), Thresholds.DEFAULTS,
				ProgramFocus.of(List.of(ProgramType.EATING_DISORDER)), LapseRiskModel.DEFAULT, Facts.ZONE,
				Facts.at(14, 23), List.of());
		assertThat(after.events()).filteredOn(ProgressAssessed.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((ProgressAssessed) event).lapseRisk()).isNull());
		assertThat(after.state().earlyWarning()).isNull();
		// and then stays quiet
		assertThat(Evaluator
			.evaluate(after.state(), Thresholds.DEFAULTS, ProgramFocus.of(List.of(ProgramType.EATING_DISORDER)),
					LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(14, 23).plusSeconds(60), List.of())
			.events()).isEmpty();
	}

}
