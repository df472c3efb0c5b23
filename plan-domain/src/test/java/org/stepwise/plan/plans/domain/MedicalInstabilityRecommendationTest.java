package org.stepwise.plan.plans.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Thresholds;
import org.stepwise.plan.progress.domain.Vitals;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Medical instability in an eating-disorder program (docs/clinical-rules.md section 8):
 * the evaluation that reads the measurement publishes the CRITICAL signal and recommends
 * the next level of care at once, the same clinical day, without the 14 days of HIGH risk
 * a step up otherwise waits for.
 */
class MedicalInstabilityRecommendationTest {

	static final ProgramFocus FOCUS = ProgramFocus.of(List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT));

	@Test
	void aDaytimeHeartRateOf48RecommendsTheNextLevelTheSameDay() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		List<StepwiseEvent> measured = List.of(Vitals.on("v1", 3).at(9).heartRate(48, TimeOfDay.DAY).event());

		Evaluator.Result result = Evaluator.evaluate(state.withProjection(state.projection().fold(measured)),
				Thresholds.DEFAULTS, FOCUS, LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(3, 9).plusSeconds(60),
				List.of("v1"));

		assertThat(result.events()).filteredOn(ProgressAssessed.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((ProgressAssessed) event).signals())
				.anySatisfy((s) -> assertThat(s.id()).isEqualTo("S14")));
		RecommendationMade made = result.events()
			.stream()
			.filter(RecommendationMade.class::isInstance)
			.map(RecommendationMade.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(made.kind()).isEqualTo(RecommendationKind.STEP_UP);
		assertThat(made.fromLevel().code()).isEqualTo("2.1");
		assertThat(made.toLevel().code()).isEqualTo("2.5");
		assertThat(made.reasons()).extracting(Reason::code).containsExactly("S14");
		assertThat(made.reasons().getFirst().evidence())
			.isEqualTo("medical instability, assess for a higher level of care today: "
					+ "heart rate 48/min by day on 2026-03-05 (under 50)");
		assertThat(made.occurredAt()).isEqualTo(Facts.at(3, 9).plusSeconds(60));
	}

	@Test
	void theSameMeasurementInAProgramWithoutTypesRecommendsNothing() {
		PatientState state = EvaluatorTest.enrolled(9, false);
		List<StepwiseEvent> measured = List.of(Vitals.on("v1", 3).at(9).heartRate(48, TimeOfDay.DAY).event());

		Evaluator.Result result = Evaluator.evaluate(state.withProjection(state.projection().fold(measured)),
				Thresholds.DEFAULTS, ProgramFocus.DEFAULT, LapseRiskModel.DEFAULT, Facts.ZONE,
				Facts.at(3, 9).plusSeconds(60), List.of("v1"));

		assertThat(result.events()).noneMatch(RecommendationMade.class::isInstance);
		assertThat(result.assessment().has("S14")).isFalse();
	}

}
