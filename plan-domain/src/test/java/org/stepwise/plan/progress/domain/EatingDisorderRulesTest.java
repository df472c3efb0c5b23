package org.stepwise.plan.progress.domain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.plan.progress.domain.Facts.at;

/**
 * Worked examples of the eating-disorder signals (docs/clinical-rules.md section 8): each
 * medical-instability criterion at its threshold, just under and just over it (strict
 * where the criterion says under or over, inclusive where it says at most), rapid weight
 * loss and EDE-QS worsening.
 */
class EatingDisorderRulesTest {

	static final ProgramFocus EATING_DISORDER = ProgramFocus.of(List.of(ProgramType.EATING_DISORDER));

	static final ProgramFocus ADOLESCENT_EATING_DISORDER = ProgramFocus
		.of(List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT));

	static Assessment evaluate(int day, ProgramFocus focus, List<? extends StepwiseEvent> events) {
		// daily check-ins keep S12 out of the way
		return Rules.evaluate(Projection.EMPTY.fold(RulesTest.withCheckIns(day, new ArrayList<>(events))),
				RulesTest.IOP, Thresholds.DEFAULTS, focus, Facts.ZONE, at(day, 23));
	}

	static Assessment evaluate(int day, Vitals... measurements) {
		return evaluate(day, EATING_DISORDER, List.of(measurements).stream().map(Vitals::event).toList());
	}

	static boolean unstable(Vitals measurement) {
		return evaluate(measurement.day(), measurement).has("S14");
	}

	@Nested
	class MedicalInstability {

		@ParameterizedTest
		@CsvSource({ "74.9, true", "75.0, true", "75, true", "75.1, false" })
		void medianBmiAtMost75Percent(String percent, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).medianBmiPercent(percent))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "49, true", "50, false", "51, false" })
		void heartRateUnder50ByDay(int perMin, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).heartRate(perMin, TimeOfDay.DAY))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "44, true", "45, false", "46, false", "48, false" })
		void heartRateUnder45AtNight(int perMin, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).at(2).heartRate(perMin, TimeOfDay.NIGHT))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "89, true", "90, false", "91, false" })
		void systolicUnder90(int systolic, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).pressure(systolic, 60))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "44, true", "45, false", "46, false" })
		void diastolicUnder45(int diastolic, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).pressure(100, diastolic))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "35.5, true", "35.59, true", "35.6, false", "35.60, false", "35.7, false" })
		void temperatureUnder35Point6(String celsius, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).temperature(celsius))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "29, false", "30, false", "31, true" })
		void orthostaticPulseRiseOver30InAnAdult(int rise, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3)
				.ageMonths(300)
				.orthostatic(new Orthostatic(60, 60 + rise, null, null, null, null)))).isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "39, false", "40, false", "41, true" })
		void orthostaticPulseRiseOver40InAnAdolescent(int rise, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3)
				.ageMonths(190)
				.orthostatic(new Orthostatic(60, 60 + rise, null, null, null, null)))).isEqualTo(fires);
		}

		@Test
		void withoutAnAgeTheProgramsPopulationSaysWhetherTheAdolescentLimitApplies() {
			Vitals rise35 = Vitals.on("v", 3).orthostatic(new Orthostatic(60, 95, null, null, null, null));
			assertThat(evaluate(3, EATING_DISORDER, List.of(rise35.event())).has("S14")).isTrue();
			assertThat(evaluate(3, ADOLESCENT_EATING_DISORDER, List.of(rise35.event())).has("S14")).isFalse();
		}

		@ParameterizedTest
		@CsvSource({ "19, false", "20, false", "21, true" })
		void orthostaticSystolicDropOver20(int drop, boolean fires) {
			assertThat(
					unstable(Vitals.on("v", 3).orthostatic(new Orthostatic(null, null, 110, 110 - drop, null, null))))
				.isEqualTo(fires);
		}

		@ParameterizedTest
		@CsvSource({ "9, false", "10, false", "11, true" })
		void orthostaticDiastolicDropOver10(int drop, boolean fires) {
			assertThat(unstable(Vitals.on("v", 3).orthostatic(new Orthostatic(null, null, null, null, 70, 70 - drop))))
				.isEqualTo(fires);
		}

		@Test
		void aLowDaytimeHeartRateIsCriticalWithItsEvidenceAndRecommendsAHigherLevelTheSameDay() {
			Assessment assessment = evaluate(3, Vitals.on("v", 3).heartRate(48, TimeOfDay.DAY));

			SignalFired s14 = assessment.signal("S14").orElseThrow();
			assertThat(s14.kind()).isEqualTo("MEDICAL_INSTABILITY");
			assertThat(s14.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(s14.evidence()).isEqualTo("heart rate 48/min by day on 2026-03-05 (under 50)");
			assertThat(s14.values()).containsEntry("heartRatePerMin", "48")
				.containsEntry("timeOfDay", "DAY")
				.containsEntry("criteria", "heartRate");
			assertThat(s14.since()).isEqualTo(at(3, 10));
			assertThat(assessment.stepUpReasons()).extracting(Reason::code).containsExactly("S14");
		}

		@Test
		void everyCriterionMetIsNamed() {
			Assessment assessment = evaluate(3,
					Vitals.on("v", 3)
						.medianBmiPercent("72.4")
						.heartRate(44, TimeOfDay.DAY)
						.pressure(86, 44)
						.temperature("35.4")
						.ageMonths(190)
						.orthostatic(new Orthostatic(50, 95, 90, 66, 50, 38)));

			SignalFired s14 = assessment.signal("S14").orElseThrow();
			assertThat(s14.values().get("criteria")).isEqualTo(
					"medianBmi,heartRate,bloodPressure,temperature,orthostaticPulse,orthostaticSystolic,orthostaticDiastolic");
			assertThat(s14.evidence()).isEqualTo("% median BMI 72.4 on 2026-03-05 (at most 75); "
					+ "heart rate 44/min by day on 2026-03-05 (under 50); "
					+ "blood pressure 86/44 mmHg on 2026-03-05 (under 90/45); temperature 35.4 C on 2026-03-05 (under 35.6); "
					+ "pulse up 45/min on standing on 2026-03-05 (over 40 for an adolescent); "
					+ "systolic down 24 mmHg on standing on 2026-03-05 (over 20); "
					+ "diastolic down 12 mmHg on standing on 2026-03-05 (over 10)");
		}

		@Test
		void aNewerNormalReadingOfTheSameVitalClearsItAnotherVitalDoesNot() {
			Vitals low = Vitals.on("v1", 3).heartRate(48, TimeOfDay.DAY);
			assertThat(evaluate(5, low, Vitals.on("v2", 5).temperature("36.5")).has("S14")).isTrue();
			assertThat(evaluate(5, low, Vitals.on("v2", 5).heartRate(62, TimeOfDay.DAY)).has("S14")).isFalse();
		}

		@Test
		void aReadingCountsForSevenClinicalDays() {
			Vitals low = Vitals.on("v1", 3).heartRate(48, TimeOfDay.DAY);
			assertThat(evaluate(9, low).has("S14")).isTrue();
			assertThat(evaluate(10, low).has("S14")).isFalse();
		}

		@Test
		void aThresholdIsOverriddenPerProgram() {
			Thresholds stricter = Thresholds.DEFAULTS.withOverrides(java.util.Map.of("edHeartRateDayBelow", "55"));
			Assessment assessment = Rules.evaluate(
					Projection.EMPTY.fold(RulesTest.withCheckIns(3,
							new ArrayList<>(List.of(Vitals.on("v", 3).heartRate(52, TimeOfDay.DAY).event())))),
					RulesTest.IOP, stricter, EATING_DISORDER, Facts.ZONE, at(3, 23));
			assertThat(assessment.signal("S14").orElseThrow().evidence()).endsWith("(under 55)");
		}

	}

	@Nested
	class RapidWeightLoss {

		static Assessment weights(int day, String... kg) {
			List<Vitals> weighings = new ArrayList<>();
			for (int week = 0; week < kg.length; week++) {
				weighings.add(Vitals.on("w" + week, 7 * week).weight(kg[week]));
			}
			return evaluate(day, weighings.toArray(Vitals[]::new));
		}

		@ParameterizedTest
		@CsvSource({ "50.0, 49.0, 48.0, true", "50.0, 48.9, 47.8, true", "50.0, 49.1, 48.1, false",
				"50.0, 49.0, 48.1, false", "50.00, 49.01, 48.01, false", "50.0, 49.0, 47.0, true" })
		void atLeastOneKgAWeekForTwoWeeks(String first, String second, String third, boolean fires) {
			Assessment assessment = weights(14, first, second, third);
			assertThat(assessment.has("S15")).isEqualTo(fires);
			if (fires) {
				assertThat(assessment.signal("S15").orElseThrow().severity()).isEqualTo(Severity.HIGH);
			}
		}

		@Test
		void theEvidenceSaysEachWeeksLoss() {
			SignalFired s15 = weights(14, "50.0", "48.9", "47.8").signal("S15").orElseThrow();
			assertThat(s15.kind()).isEqualTo("RAPID_WEIGHT_LOSS");
			assertThat(s15.evidence())
				.isEqualTo("weight 50.0, 48.9, 47.8 kg weekly since 2026-03-02, down 1.1 and 1.1 kg a week");
			assertThat(s15.values()).containsEntry("weightsKg", "50.0,48.9,47.8").containsEntry("weeks", "2");
			assertThat(s15.since()).isEqualTo(at(0, 10));
		}

		@Test
		void oneWeekIsNotEnoughNorAreWeighingsTooFarApartOrTooOld() {
			assertThat(weights(7, "50.0", "48.0").has("S15")).isFalse();
			assertThat(evaluate(24, Vitals.on("a", 0).weight("50.0"), Vitals.on("b", 11).weight("48.0"),
					Vitals.on("c", 22).weight("46.0"))
				.has("S15")).as("weighings 11 days apart are not weekly").isFalse();
			assertThat(weights(14, "50.0", "49.0", "48.0").has("S15")).isTrue();
			assertThat(weights(20, "50.0", "49.0", "48.0").has("S15")).isTrue();
			assertThat(weights(21, "50.0", "49.0", "48.0").has("S15")).as("the latest weighing is over a week old")
				.isFalse();
		}

		@Test
		void aWeighingInBetweenDoesNotBreakTheWeeks() {
			assertThat(evaluate(14, Vitals.on("a", 0).weight("50.0"), Vitals.on("b", 4).weight("49.6"),
					Vitals.on("c", 7).weight("49.0"), Vitals.on("d", 14).weight("48.0"))
				.has("S15")).isTrue();
		}

	}

	@Nested
	class EdeQsWorsening {

		@ParameterizedTest
		@CsvSource({ "14, false", "15, true", "16, true" })
		void aRiseOfFiveOrMore(int latest, boolean fires) {
			Assessment assessment = evaluate(14, EATING_DISORDER, List.of(Facts.score("e1", Instrument.EDEQS, 0, 10),
					Facts.score("e2", Instrument.EDEQS, 7, 11), Facts.score("e3", Instrument.EDEQS, 14, latest)));
			assertThat(assessment.has("S16")).isEqualTo(fires);
			if (fires) {
				SignalFired s16 = assessment.signal("S16").orElseThrow();
				assertThat(s16.kind()).isEqualTo("EATING_DISORDER_WORSENING");
				assertThat(s16.severity()).isEqualTo(Severity.MEDIUM);
				assertThat(s16.evidence()).startsWith("EDE-QS ");
			}
		}

	}

	@Test
	void onlyAnEatingDisorderFocusReadsThem() {
		List<StepwiseEvent> facts = List.of(Vitals.on("v", 14).heartRate(40, TimeOfDay.DAY).event(),
				Vitals.on("w0", 0).weight("50").event(), Vitals.on("w1", 7).weight("48").event(),
				Vitals.on("w2", 14).weight("46").event(), Facts.score("e1", Instrument.EDEQS, 0, 5),
				Facts.score("e2", Instrument.EDEQS, 14, 20));
		assertThat(evaluate(14, EATING_DISORDER, facts).signals()).extracting(SignalFired::id)
			.contains("S14", "S15", "S16");
		for (ProgramFocus other : List.of(ProgramFocus.DEFAULT, ProgramFocus.of(List.of(ProgramType.ADDICTION)),
				ProgramFocus.of(List.of(ProgramType.MENTAL_HEALTH)),
				ProgramFocus.of(List.of(ProgramType.ADOLESCENT)))) {
			Assessment assessment = evaluate(14, other, facts);
			assertThat(assessment.signals()).extracting(SignalFired::id).doesNotContain("S14", "S15", "S16");
			assertThat(assessment.stepUpReasons()).extracting(Reason::code).doesNotContain("S14");
		}
	}

	@Test
	void withAnotherFocusTheyHoldBackStepDownReadiness() {
		ProgramFocus dual = ProgramFocus.of(List.of(ProgramType.EATING_DISORDER, ProgramType.MENTAL_HEALTH));
		Assessment assessment = evaluate(3, dual, List.of(Vitals.on("v", 3).heartRate(48, TimeOfDay.DAY).event()));
		assertThat(assessment.readiness()).containsEntry("noOpenRisk", false);
	}

}
