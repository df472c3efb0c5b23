package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A made-up run for the size and rendering tests: scores rise before lapses with
 * precursors, levels follow the score with hysteresis. Not a model of anything.
 */
final class SyntheticRun {

	static final int DAYS = 84;

	final List<ScoredDay> days = new ArrayList<>();

	final List<PatientOutcome> outcomes = new ArrayList<>();

	SyntheticRun(int patients, long seed) {
		Random random = new Random(seed);
		LocalDate start = LocalDate.of(2026, 1, 5);
		String[] ages = { "ADULT", "ADOLESCENT" };
		String[] programs = { "ADDICTION", "DUAL_DIAGNOSIS" };
		String[] sexes = { "FEMALE", "MALE" };
		for (int p = 0; p < patients; p++) {
			String id = "P" + p;
			String split = (p % 5 < 3) ? Evaluation.TUNING : Evaluation.HELD_OUT;
			Map<String, String> subgroups = Map.of("age", ages[random.nextInt(4) == 0 ? 1 : 0], "program",
					programs[random.nextInt(2)], "sex", sexes[random.nextInt(2)]);
			boolean[] use = new boolean[DAYS];
			double[] risk = new double[DAYS];
			List<PatientOutcome.Onset> onsets = new ArrayList<>();
			if (random.nextDouble() < 0.5) {
				int onset = 10 + random.nextInt(DAYS - 12);
				boolean precursor = random.nextDouble() < 0.7;
				onsets.add(new PatientOutcome.Onset(start.plusDays(onset), precursor));
				for (int d = onset; d < Math.min(DAYS, onset + 1 + random.nextInt(3)); d++) {
					use[d] = true;
				}
				for (int d = Math.max(0, onset - 7); precursor && d < onset; d++) {
					risk[d] = 0.25 + 0.06 * (d - onset + 7);
				}
			}
			else if (random.nextDouble() < 0.3) {
				// A precursor-like stretch that ends without a lapse.
				int from = random.nextInt(DAYS - 7);
				for (int d = from; d < from + 6; d++) {
					risk[d] = 0.4;
				}
			}
			LapseRiskLevel level = LapseRiskLevel.LOW;
			int daysBelow = 0;
			for (int d = 0; d < DAYS; d++) {
				double score = Math.clamp(0.05 + risk[d] + (use[d] ? 0.3 : 0) + random.nextGaussian() * 0.06, 0, 1);
				LapseRiskLevel wanted = (score >= 0.55) ? LapseRiskLevel.HIGH
						: (score >= 0.3) ? LapseRiskLevel.ELEVATED : LapseRiskLevel.LOW;
				daysBelow = (wanted.compareTo(level) < 0) ? daysBelow + 1 : 0;
				if (wanted.compareTo(level) > 0 || daysBelow >= 3) {
					level = wanted;
					daysBelow = 0;
				}
				this.days.add(new ScoredDay(id, subgroups, split, start.plusDays(d), score, level, use[d]));
			}
			this.outcomes.add(new PatientOutcome(id, subgroups, split, onsets, DAYS));
		}
	}

	RunDescription description() {
		return new RunDescription("Early warning of lapse: offline evaluation", "made-up test cohort, 84 days",
				"test model v0", "ELEVATED at >= 0.30, HIGH at >= 0.55, lowered after 3 days below",
				Map.of(Evaluation.HELD_OUT, List.of(101L, 102L), Evaluation.TUNING, List.of(1L, 2L, 3L)));
	}

}
