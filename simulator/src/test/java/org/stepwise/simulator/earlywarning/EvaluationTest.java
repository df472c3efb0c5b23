package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.stepwise.contracts.progress.LapseRiskLevel.ELEVATED;
import static org.stepwise.contracts.progress.LapseRiskLevel.HIGH;
import static org.stepwise.contracts.progress.LapseRiskLevel.LOW;

class EvaluationTest {

	static final LocalDate START = LocalDate.of(2026, 3, 2);

	static final Map<String, String> ADULT_FEMALE = Map.of("age", "ADULT", "sex", "FEMALE");

	static final Map<String, String> ADULT_MALE = Map.of("age", "ADULT", "sex", "MALE");

	/** Days of one patient from START: score, level and use per day. */
	static List<ScoredDay> days(String id, Map<String, String> subgroups, String split, double[] scores,
			LapseRiskLevel[] levels, boolean[] use) {
		List<ScoredDay> days = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			days.add(new ScoredDay(id, subgroups, split, START.plusDays(i), scores[i], levels[i], use[i]));
		}
		return days;
	}

	static LapseRiskLevel[] levels(String pattern) {
		LapseRiskLevel[] levels = new LapseRiskLevel[pattern.length()];
		for (int i = 0; i < levels.length; i++) {
			levels[i] = switch (pattern.charAt(i)) {
				case 'E' -> ELEVATED;
				case 'H' -> HIGH;
				default -> LOW;
			};
		}
		return levels;
	}

	static boolean[] use(String pattern) {
		boolean[] use = new boolean[pattern.length()];
		for (int i = 0; i < use.length; i++) {
			use[i] = pattern.charAt(i) == 'U';
		}
		return use;
	}

	static PatientOutcome outcome(String id, Map<String, String> subgroups, String split, int observedDays,
			PatientOutcome.Onset... onsets) {
		return new PatientOutcome(id, subgroups, split, List.of(onsets), observedDays);
	}

	static PatientOutcome.Onset onset(int day, boolean hadPrecursor) {
		return new PatientOutcome.Onset(START.plusDays(day), hadPrecursor);
	}

	/*
	 * Patient A, 10 days, use on day 6. With a 3-day horizon, days 3, 4 and 5 lead to
	 * use; day 6 is a day of use (not labelled); days 7..9 run past the end (not
	 * labelled). Patient B, 10 days, never uses: days 0..6 are negatives.
	 */
	static final double[] A_SCORES = { 0.1, 0.1, 0.2, 0.5, 0.6, 0.7, 0.9, 0.3, 0.2, 0.1 };

	static final double[] B_SCORES = { 0.1, 0.6, 0.2, 0.1, 0.1, 0.2, 0.6, 0.1, 0.1, 0.1 };

	static final Settings THREE_DAYS = new Settings(List.of(1, 3), 3, List.of(0.15, 0.5, 0.65), 14, 2, 2);

	static Evaluation.Report twoPatients() {
		List<ScoredDay> days = new ArrayList<>();
		days.addAll(days("A", ADULT_FEMALE, Evaluation.HELD_OUT, A_SCORES, levels("LLLEEHHLLL"), use("LLLLLLULLL")));
		days.addAll(days("B", ADULT_MALE, Evaluation.HELD_OUT, B_SCORES, levels("LELLLLELLL"), use("LLLLLLLLLL")));
		return Evaluation.evaluate(days, List.of(outcome("A", ADULT_FEMALE, Evaluation.HELD_OUT, 14, onset(6, true)),
				outcome("B", ADULT_MALE, Evaluation.HELD_OUT, 14)), THREE_DAYS);
	}

	@Test
	void labelsLeaveOutDaysOfUseAndHorizonsPastTheEnd() {
		Figures figures = twoPatients().split(Evaluation.HELD_OUT).orElseThrow().overall();
		Figures.Discrimination threeDays = figures.discrimination(3);
		// A: days 0..5 labelled (3 positive); B: days 0..6 labelled.
		assertThat(threeDays.labelledDays()).isEqualTo(13);
		assertThat(threeDays.positives()).isEqualTo(3);
		Figures.Discrimination oneDay = figures.discrimination(1);
		// A: days 0..5, 7 and 8 labelled, day 5 positive; B: days 0..8.
		assertThat(oneDay.labelledDays()).isEqualTo(17);
		assertThat(oneDay.positives()).isEqualTo(1);
		// Day 5 of A scores 0.7, above every other labelled day.
		assertThat(oneDay.auRoc()).isEqualTo(1.0);
	}

	@Test
	void auRocOfThreeDaysCountsTiesAsHalf() {
		Figures.Discrimination threeDays = twoPatients().split(Evaluation.HELD_OUT)
			.orElseThrow()
			.overall()
			.discrimination(3);
		// Positives 0.5, 0.6, 0.7; negatives 0.1 0.1 0.2 (A) and 0.1 0.6 0.2 0.1 0.1 0.2
		// 0.6 (B).
		// 0.5 beats 8 of 10; 0.6 beats 8 and ties 2 -> 9; 0.7 beats 10. U = 27 of 30.
		assertThat(threeDays.auRoc()).isCloseTo(27.0 / 30, within(1e-12));
		// Clustered by patient: positive placements sum to 2.7 = 3 x 0.9 in A (no
		// spread),
		// negative placements to 3 in A and 6 in B against 2.7 and 6.3 expected, so
		// S01 = 2 / 10 x (0.3^2 + 0.3^2) and the variance is S01 / 10.
		assertThat(threeDays.standardError()).isCloseTo(0.06, within(1e-12));
	}

	@Test
	void thresholdTableCountsDaysAndCrossings() {
		Figures figures = twoPatients().split(Evaluation.HELD_OUT).orElseThrow().overall();
		Figures.ThresholdRow atHalf = figures.thresholds().get(1);
		assertThat(atHalf.threshold()).isEqualTo(0.5);
		assertThat(atHalf.confusion()).isEqualTo(new Figures.Confusion(3, 2, 8, 0));
		assertThat(atHalf.confusion().sensitivity()).isEqualTo(1.0);
		assertThat(atHalf.confusion().specificity()).isEqualTo(0.8);
		assertThat(atHalf.confusion().positivePredictiveValue()).isEqualTo(0.6);
		// A crosses 0.5 once (days 3..6); B twice (day 1 and day 6). 28 observed days = 4
		// patient-weeks.
		assertThat(atHalf.alerts()).isEqualTo(3);
		assertThat(atHalf.alertsPer10PatientWeeks()).isEqualTo(7.5);
		Figures.ThresholdRow atLow = figures.thresholds().get(0);
		// 0.15: A from day 2 to 8 (one crossing); B on days 1, 2, 5, 6 (two crossings).
		assertThat(atLow.alerts()).isEqualTo(3);
		assertThat(atLow.confusion()).isEqualTo(new Figures.Confusion(3, 5, 5, 0));
	}

	@Test
	void operatingPointCountsEpisodesAndFalseAlerts() {
		Figures.OperatingPoint point = twoPatients().split(Evaluation.HELD_OUT)
			.orElseThrow()
			.overall()
			.operatingPoint();
		// A's labelled days 0..5 at levels LLLEEH, positives 3..5: all three flagged,
		// none
		// else. B's labelled days 0..6 at LELLLLE: two false positives.
		assertThat(point.elevatedOrHigh()).isEqualTo(new Figures.Confusion(3, 2, 8, 0));
		assertThat(point.high()).isEqualTo(new Figures.Confusion(1, 0, 10, 2));
		// Episodes with a 2-day window: A from day 3 (no use on days 3..5: the use on day
		// 6
		// comes too late), B from day 1 (days 1..3) and day 6 (days 6..8). All false.
		assertThat(point.alertEpisodes()).isEqualTo(3);
		assertThat(point.falseAlerts()).isEqualTo(3);
		assertThat(point.falseAlertsCutShort()).isZero();
		assertThat(point.falseAlertsPer10PatientWeeks()).isEqualTo(7.5);
	}

	@Test
	void anEpisodeWithUseInItsWindowIsTrueAndOneCutShortIsCountedApart() {
		List<ScoredDay> days = days("A", ADULT_FEMALE, Evaluation.TUNING, new double[] { 0.1, 0.5, 0.5, 0.1, 0.5 },
				levels("LEELE"), use("LLULL"));
		Figures figures = Evaluation
			.evaluate(days, List.of(outcome("A", ADULT_FEMALE, Evaluation.TUNING, 7, onset(2, true))), THREE_DAYS)
			.split(Evaluation.TUNING)
			.orElseThrow()
			.overall();
		assertThat(figures.operatingPoint().alertEpisodes()).isEqualTo(2);
		assertThat(figures.operatingPoint().falseAlerts()).isZero();
		assertThat(figures.operatingPoint().falseAlertsCutShort()).isEqualTo(1);
		assertThat(figures.operatingPoint().falseAlertsPer10PatientWeeks()).isEqualTo(10.0);
	}

	@Test
	void leadTimeRunsFromTheStartOfTheStretchReachingTheOnset() {
		Figures.LeadTimes leads = twoPatients().split(Evaluation.HELD_OUT).orElseThrow().overall().leadTimes();
		// A: ELEVATED from day 3, onset day 6 -> 3 days.
		assertThat(leads.all().onsets()).isEqualTo(1);
		assertThat(leads.all().onsetsByLeadDays().get(3)).isEqualTo(1);
		assertThat(leads.withPrecursor().shareFlaggedAtLeast(3)).isEqualTo(1.0);
		assertThat(leads.withPrecursor().shareFlaggedAtLeast(7)).isEqualTo(0.0);
		assertThat(leads.withoutPrecursor().onsets()).isZero();
		assertThat(leads.withoutPrecursor().shareFlaggedAtLeast(1)).isNaN();
	}

	static int lead(String levels, int onset, int window) {
		double[] scores = new double[levels.length()];
		List<ScoredDay> days = days("P", ADULT_MALE, Evaluation.TUNING, scores, levels(levels),
				use("L".repeat(levels.length())));
		PatientSeries series = PatientSeries
			.of(days, List.of(outcome("P", ADULT_MALE, Evaluation.TUNING, levels.length(), onset(onset, true))))
			.get(0);
		return SliceEvaluator.leadDays(series, series.onsets[0], window);
	}

	@Test
	void leadTimeEdgeCases() {
		// Flagged only on the onset day itself: 0 days.
		assertThat(lead("LLLLLE", 5, 14)).isZero();
		// A stretch broken the day before the onset does not reach it.
		assertThat(lead("LLEEELL", 6, 14)).isEqualTo(-1);
		assertThat(lead("LLEEELE", 6, 14)).isZero();
		// A stretch reaching the day before: from its first day.
		assertThat(lead("LLEHEL", 5, 14)).isEqualTo(3);
		// A stretch longer than the window counts the window.
		assertThat(lead("EEEEEEEEL", 8, 5)).isEqualTo(5);
		// Onsets before the first scored day or long after the last are not flagged.
		assertThat(lead("EEE", -1, 14)).isEqualTo(-1);
		assertThat(lead("EEE", 9, 14)).isEqualTo(-1);
		// The onset on the day after the last scored day: the stretch reaches the day
		// before.
		assertThat(lead("LEE", 3, 14)).isEqualTo(2);
	}

	@Test
	void calibrationBinsByRankAndScoresBrier() {
		// Two bins of 2-day horizon labels from 6 labelled days.
		double[] scores = { 0.1, 0.2, 0.3, 0.4, 0.8, 0.9, 0.5, 0.5, 0.5 };
		Settings settings = new Settings(List.of(2), 2, List.of(0.5), 14, 14, 2);
		List<ScoredDay> days = days("A", ADULT_MALE, Evaluation.TUNING, scores, levels("LLLLLLLLL"), use("LLLLLLULL"));
		// Labelled days 0..5 (day 6 use, days 7, 8 past the end); positives days 4, 5.
		Figures.Calibration calibration = Evaluation
			.evaluate(days, List.of(outcome("A", ADULT_MALE, Evaluation.TUNING, 9, onset(6, false))), settings)
			.split(Evaluation.TUNING)
			.orElseThrow()
			.overall()
			.calibration();
		assertThat(calibration.bins()).hasSize(2);
		Figures.Bin low = calibration.bins().get(0);
		assertThat(low.days()).isEqualTo(3);
		assertThat(low.minScore()).isEqualTo(0.1);
		assertThat(low.maxScore()).isEqualTo(0.3);
		assertThat(low.meanPredicted()).isCloseTo(0.2, within(1e-12));
		assertThat(low.observedRate()).isZero();
		Figures.Bin high = calibration.bins().get(1);
		assertThat(high.meanPredicted()).isCloseTo(0.7, within(1e-12));
		assertThat(high.observedRate()).isCloseTo(2.0 / 3, within(1e-12));
		// (0.01 + 0.04 + 0.09 + 0.16 + 0.04 + 0.01) / 6
		assertThat(calibration.brier()).isCloseTo(0.35 / 6, within(1e-12));
		assertThat(calibration.baseRate()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(calibration.brierOfBaseRate()).isCloseTo(2.0 / 9, within(1e-12));
	}

	@Test
	void subgroupsAndTheirGap() {
		Evaluation.SplitReport split = twoPatients().split(Evaluation.HELD_OUT).orElseThrow();
		assertThat(split.subgroupsByAttribute().keySet()).containsExactly("age", "sex");
		assertThat(split.subgroupsByAttribute().get("sex")).extracting(Evaluation.Subgroup::value)
			.containsExactly("FEMALE", "MALE");
		Evaluation.Subgroup female = split.subgroupsByAttribute().get("sex").get(0);
		assertThat(female.figures().patients()).isEqualTo(1);
		assertThat(female.figures().discrimination(3).auRoc()).isEqualTo(1.0);
		// MALE has no positive day: no auROC, so no gap by sex; age has one value only.
		assertThat(split.subgroupsByAttribute().get("sex").get(1).figures().discrimination(3).auRoc()).isNaN();
		assertThat(split.gaps()).isEmpty();
		assertThat(split.largestGap(3)).isEmpty();
	}

	@Test
	void splitsAreKeptApartHeldOutFirst() {
		List<ScoredDay> days = new ArrayList<>();
		days.addAll(days("A", ADULT_FEMALE, Evaluation.TUNING, A_SCORES, levels("LLLEEHHLLL"), use("LLLLLLULLL")));
		days.addAll(days("B", ADULT_MALE, Evaluation.HELD_OUT, B_SCORES, levels("LELLLLELLL"), use("LLLLLLLLLL")));
		Evaluation.Report report = Evaluation.evaluate(days,
				List.of(outcome("A", ADULT_FEMALE, Evaluation.TUNING, 10, onset(6, true)),
						outcome("B", ADULT_MALE, Evaluation.HELD_OUT, 10)),
				THREE_DAYS);
		assertThat(report.splits()).extracting(Evaluation.SplitReport::split)
			.containsExactly(Evaluation.HELD_OUT, Evaluation.TUNING);
		assertThat(report.split(Evaluation.HELD_OUT).orElseThrow().overall().discrimination(3).positives()).isZero();
		assertThat(report.split(Evaluation.TUNING).orElseThrow().overall().discrimination(3).positives()).isEqualTo(3);
	}

	@Test
	void inconsistentInputIsRefused() {
		List<ScoredDay> days = days("A", ADULT_FEMALE, Evaluation.TUNING, new double[] { 0.1 }, levels("L"), use("L"));
		assertThatIllegalArgumentException().isThrownBy(() -> Evaluation.evaluate(days, List.of(), THREE_DAYS))
			.withMessageContaining("No outcome");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Evaluation.evaluate(days, List.of(outcome("A", ADULT_FEMALE, Evaluation.HELD_OUT, 1)),
					THREE_DAYS))
			.withMessageContaining("another split");
		List<ScoredDay> twice = new ArrayList<>(days);
		twice.addAll(days);
		assertThatIllegalArgumentException().isThrownBy(
				() -> Evaluation.evaluate(twice, List.of(outcome("A", ADULT_FEMALE, Evaluation.TUNING, 1)), THREE_DAYS))
			.withMessageContaining("two scores");
	}

}
