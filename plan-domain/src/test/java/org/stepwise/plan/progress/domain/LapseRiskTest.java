package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The early-warning score (docs/clinical-rules.md section 3b): what raises it, what it
 * says, how its level holds, and how its model file is read.
 */
class LapseRiskTest {

	static final PlanContext IOP = new PlanContext("2.1", false, Facts.START, Facts.START);

	static final LapseRiskModel MODEL = LapseRiskModel.DEFAULT;

	/** A steady patient: craving 1-2, confidence 8-9, mood 7, stress 3, sleep 7.5 h. */
	static List<StepwiseEvent> steadyDays(int from, int to) {
		List<StepwiseEvent> events = new ArrayList<>();
		for (int day = from; day <= to; day++) {
			events.add(checkIn(day, 1 + day % 2, 8 + day % 2, 7, 3, 7.5, false));
		}
		return events;
	}

	static StepwiseEvent checkIn(int day, int craving, Integer confidence, int mood, int stress, double sleep,
			boolean highRisk) {
		return new CheckInSubmitted("lr-" + day, "program-a", "p1", mood, craving, false, List.of(),
				BigDecimal.valueOf(sleep), stress, true, Set.of(), Facts.at(day, 20), Facts.at(day, 20), confidence,
				highRisk, highRisk ? HighRiskCategory.STRESS : null);
	}

	static LapseRiskModel.Estimate estimate(List<StepwiseEvent> events, Instant now) {
		return MODEL.estimate(LapseFeatures.of(Projection.EMPTY.fold(events), IOP, Facts.ZONE, now));
	}

	@Test
	void cravingThatClimbsAndConfidenceThatFallsRaiseTheScoreAndAreNamedInWords() {
		List<StepwiseEvent> steady = steadyDays(0, 20);
		List<StepwiseEvent> worsening = new ArrayList<>(steadyDays(0, 15));
		int[] craving = { 3, 5, 6, 7, 8 };
		int[] confidence = { 7, 5, 4, 3, 2 };
		for (int i = 0; i < 5; i++) {
			worsening.add(checkIn(16 + i, craving[i], confidence[i], 5, 6, 6.0, i == 4));
		}

		LapseRiskModel.Estimate calm = estimate(steady, Facts.at(20, 22));
		LapseRiskModel.Estimate risky = estimate(worsening, Facts.at(20, 22));

		assertThat(risky.probability()).isGreaterThan(calm.probability() + 0.2);
		assertThat(risky.drivers()).isNotEmpty().hasSizeLessThanOrEqualTo(LapseRiskModel.DRIVERS);
		assertThat(risky.drivers()).extracting(LapseRisk.Driver::points).isSortedAccordingTo((a, b) -> b - a);
		assertThat(String.join("; ", risky.drivers().stream().map(LapseRisk.Driver::evidence).toList()))
			.containsAnyOf("craving", "confidence");
		LapseFeatures features = LapseFeatures.of(Projection.EMPTY.fold(worsening), IOP, Facts.ZONE, Facts.at(20, 22));
		assertThat(features.evidence().get(LapseFeature.CRAVING_RISE))
			.isEqualTo("craving up from 1 to 7.5 over 6 days");
		assertThat(features.evidence().get(LapseFeature.CONFIDENCE_DROP))
			.isEqualTo("confidence down from 8 to 2.5 over 5 days");
		assertThat(features.evidence().get(LapseFeature.HIGH_RISK_SITUATION)).startsWith("high-risk situation");
	}

	@Test
	void aWorseningScoreIsSaidInWords() {
		List<StepwiseEvent> history = new ArrayList<>(steadyDays(0, 20));
		history.add(Facts.phq9("phq-a", 1, 12, 0));
		history.add(Facts.phq9("phq-b", 19, 21, 0));
		history.add(Facts.score("gad-a", Instrument.GAD7, 1, 6));
		history.add(Facts.score("gad-b", Instrument.GAD7, 19, 11));
		LapseFeatures features = LapseFeatures.of(Projection.EMPTY.fold(history), IOP, Facts.ZONE, Facts.at(20, 22));
		assertThat(features.evidence().get(LapseFeature.DEPRESSION_WORSENING))
			.isEqualTo("PHQ-9 rose from 12 to 21 since 2026-03-03");
		assertThat(features.evidence().get(LapseFeature.ANXIETY_WORSENING))
			.isEqualTo("GAD-7 rose from 6 to 11 since 2026-03-03");
	}

	@Test
	void missingCheckInsRaiseTheScoreNeverLowerIt() {
		List<StepwiseEvent> history = steadyDays(0, 20);
		LapseRiskModel.Estimate answered = estimate(history, Facts.at(21, 22));
		double previous = answered.probability();
		for (int silentDays = 1; silentDays <= 7; silentDays++) {
			double silent = estimate(history, Facts.at(21 + silentDays, 22)).probability();
			assertThat(silent).as("after %d silent days", silentDays).isGreaterThanOrEqualTo(previous);
			previous = silent;
		}
		assertThat(previous).isGreaterThan(answered.probability());
		LapseFeatures features = LapseFeatures.of(Projection.EMPTY.fold(history), IOP, Facts.ZONE, Facts.at(26, 22));
		assertThat(features.evidence().get(LapseFeature.CHECK_IN_SILENCE)).isEqualTo("no check-in for 5 days");
	}

	@Test
	void aPatientWithNoCheckInAtAllIsNotReadAsFine() {
		double none = estimate(List.of(), Facts.at(10, 22)).probability();
		double steady = estimate(steadyDays(0, 10), Facts.at(10, 22)).probability();
		assertThat(none).isGreaterThan(steady);
	}

	@Test
	void recentUseRaisesTheScoreMoreTheMoreRecentAndRepeated() {
		List<StepwiseEvent> history = new ArrayList<>(steadyDays(0, 20));
		double without = estimate(history, Facts.at(20, 22)).probability();
		history.add(Facts.checkIn(12, 2, true));
		double weekAgo = estimate(history, Facts.at(20, 22)).probability();
		history.add(Facts.checkIn(19, 2, true));
		double yesterdayToo = estimate(history, Facts.at(20, 22)).probability();
		assertThat(weekAgo).isGreaterThan(without);
		assertThat(yesterdayToo).isGreaterThan(weekAgo);
	}

	@Test
	void everyShippedWeightIsARiskWeightAndNegativeOnesAreRefused() {
		assertThat(MODEL.weights()).containsOnlyKeys(LapseFeature.values());
		assertThat(MODEL.weights().values()).allSatisfy((weight) -> assertThat(weight).isNotNegative());
		Properties file = shipped();
		file.setProperty("weight.cravingLevel", "-0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> LapseRiskModel.of(file))
			.withMessageContaining("cravingLevel");
	}

	@Test
	void theModelFileIsReadWhole() {
		assertThat(MODEL.version()).isNotBlank();
		Properties unknown = shipped();
		unknown.setProperty("weight.moonPhase", "1");
		assertThatIllegalArgumentException().isThrownBy(() -> LapseRiskModel.of(unknown))
			.withMessageContaining("moonPhase");
		Properties missing = shipped();
		missing.remove("weight.pacs");
		assertThatIllegalArgumentException().isThrownBy(() -> LapseRiskModel.of(missing))
			.withMessageContaining("weight.pacs");
		Properties unversioned = shipped();
		unversioned.remove("version");
		assertThatIllegalArgumentException().isThrownBy(() -> LapseRiskModel.of(unversioned))
			.withMessageContaining("version");
	}

	@Test
	void everyEstimateCarriesTheModelVersion() {
		Properties renamed = shipped();
		renamed.setProperty("version", "lapse-risk-test-9");
		LapseRiskModel other = LapseRiskModel.of(renamed);
		EarlyWarning warning = EarlyWarning.none(other)
			.next(other.estimate(LapseFeatures.of(Projection.EMPTY, IOP, Facts.ZONE, Facts.at(3, 12))), other,
					LocalDate.of(2026, 3, 5));
		assertThat(warning.risk().modelVersion()).isEqualTo("lapse-risk-test-9");
	}

	@Test
	void onlyNewsIsPublished() {
		EarlyWarning low = EarlyWarning.none(MODEL).next(at(1), MODEL, LocalDate.of(2026, 3, 10));
		assertThat(low.next(at(MODEL.levels().elevatedRaise() - 1), MODEL, LocalDate.of(2026, 3, 11))
			.differsMateriallyFrom(low)).as("a LOW score moving about").isFalse();
		EarlyWarning elevated = low.next(at(MODEL.levels().elevatedRaise()), MODEL, LocalDate.of(2026, 3, 11));
		assertThat(elevated.differsMateriallyFrom(low)).as("a new level").isTrue();
		assertThat(elevated.next(at(MODEL.levels().elevatedRaise() + 2), MODEL, LocalDate.of(2026, 3, 12))
			.differsMateriallyFrom(elevated)).as("2 points while ELEVATED").isFalse();
		assertThat(elevated.next(at(MODEL.levels().elevatedRaise() + 5), MODEL, LocalDate.of(2026, 3, 12))
			.differsMateriallyFrom(elevated)).as("5 points while ELEVATED").isTrue();
	}

	@Test
	void aLevelRisesAtOnceAndClearsOnlyAfterDaysBelowTheLowerThreshold() {
		LapseRiskModel.Levels levels = MODEL.levels();
		LocalDate day = LocalDate.of(2026, 3, 10);
		EarlyWarning warning = EarlyWarning.none(MODEL);
		warning = warning.next(at(levels.highRaise()), MODEL, day);
		assertThat(warning.level()).isEqualTo(LapseRiskLevel.HIGH);
		// between clear and raise: holds
		warning = warning.next(at(levels.highClear()), MODEL, day.plusDays(1));
		assertThat(warning.level()).isEqualTo(LapseRiskLevel.HIGH);
		assertThat(warning.calmSince()).isNull();
		// under the clear threshold, but not for long enough
		for (int d = 2; d < 1 + levels.clearDays(); d++) {
			warning = warning.next(at(levels.elevatedRaise()), MODEL, day.plusDays(d));
			assertThat(warning.level()).as("day %d", d).isEqualTo(LapseRiskLevel.HIGH);
		}
		// a spike resets the calm run
		warning = warning.next(at(levels.highClear()), MODEL, day.plusDays(1 + levels.clearDays()));
		assertThat(warning.level()).isEqualTo(LapseRiskLevel.HIGH);
		assertThat(warning.calmSince()).isNull();
		LocalDate calmFrom = day.plusDays(2 + levels.clearDays());
		for (int d = 0; d < levels.clearDays(); d++) {
			warning = warning.next(at(0), MODEL, calmFrom.plusDays(d));
		}
		assertThat(warning.level()).isEqualTo(LapseRiskLevel.LOW);
		assertThat(warning.calmSince()).isNull();
		// several evaluations on one day count as one day
		EarlyWarning high = EarlyWarning.none(MODEL).next(at(levels.highRaise()), MODEL, day);
		for (int i = 0; i < 5; i++) {
			high = high.next(at(0), MODEL, day.plusDays(1));
		}
		assertThat(high.level()).isEqualTo(LapseRiskLevel.HIGH);
	}

	private static LapseRiskModel.Estimate at(int percent) {
		return new LapseRiskModel.Estimate(percent / 100.0, List.of());
	}

	static Properties shipped() {
		Properties properties = new Properties();
		try (var in = LapseRiskModel.class.getResourceAsStream(LapseRiskModel.DEFAULT_RESOURCE)) {
			properties.load(in);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return properties;
	}

}
