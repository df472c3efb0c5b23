package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.contracts.program.ProgramType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention keeps measurements of weight and vitals only inside the eating-disorder
 * windows (decision 0007, bounded state): evaluated day by day, a projection pruned after
 * every day gives exactly the assessment of the whole history (S14-S16 with their
 * evidence), with weekly weighings, vitals around the thresholds, weekly EDE-QS and
 * measurements arriving up to 3 days late.
 */
class VitalsRetentionPropertiesTest {

	static final int DAYS = 90;

	static final ProgramFocus FOCUS = ProgramFocus.of(List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT));

	static final Retention RETENTION = Retention.of(Thresholds.DEFAULTS);

	@Property(tries = 15)
	void prunedMeasurementsChangeNoResult(@ForAll long seed) {
		Map<Integer, List<StepwiseEvent>> arriving = history(new Random(seed));
		Projection full = Projection.EMPTY;
		Projection pruned = Projection.EMPTY;
		boolean sawInstability = false;
		for (int day = 0; day < DAYS; day++) {
			Instant evening = Facts.at(day, 21);
			List<StepwiseEvent> facts = arriving.getOrDefault(day, List.of());
			full = full.fold(facts);
			pruned = pruned.fold(facts);
			Assessment whole = Rules.evaluate(full, RulesTest.IOP, Thresholds.DEFAULTS, FOCUS, Facts.ZONE, evening);
			Assessment kept = Rules.evaluate(pruned, RulesTest.IOP, Thresholds.DEFAULTS, FOCUS, Facts.ZONE, evening);
			assertThat(kept).as("day %d", day).isEqualTo(whole);
			sawInstability |= whole.has("S14");
			pruned = RETENTION.prune(pruned, Facts.ZONE, evening, evening);
		}
		assertThat(pruned.vitals().size()).as("bounded").isLessThan(full.vitals().size());
		assertThat(sawInstability).as("the history reaches the thresholds").isTrue();
	}

	/** Per arrival day, the facts arriving that day. */
	private static Map<Integer, List<StepwiseEvent>> history(Random random) {
		Map<Integer, List<StepwiseEvent>> arriving = new HashMap<>();
		BigDecimal weight = BigDecimal.valueOf(520 + random.nextInt(80), 1);
		for (int day = 0; day < DAYS; day++) {
			List<StepwiseEvent> facts = new ArrayList<>();
			if (day % 7 == 0) {
				weight = weight.subtract(BigDecimal.valueOf(random.nextInt(16), 1));
				facts.add(Vitals.on("w-" + day, day).weight(weight.toPlainString()).event());
				facts.add(Facts.score("edeqs-" + day, Instrument.EDEQS, day, random.nextInt(37)));
			}
			if (random.nextInt(3) == 0) {
				int rise = 20 + random.nextInt(30);
				facts.add(Vitals.on("v-" + day, day)
					.heartRate(42 + random.nextInt(25), random.nextBoolean() ? TimeOfDay.DAY : TimeOfDay.NIGHT)
					.pressure(84 + random.nextInt(30), 40 + random.nextInt(30))
					.temperature(BigDecimal.valueOf(352 + random.nextInt(20), 1).toPlainString())
					.orthostatic(
							new Orthostatic(60, 60 + rise, 110, 110 - random.nextInt(30), 70, 70 - random.nextInt(15)))
					.medianBmiPercent(Integer.toString(70 + random.nextInt(15)))
					.event());
			}
			int late = random.nextInt(4);
			arriving.computeIfAbsent(Math.min(DAYS - 1, day + late), (d) -> new ArrayList<>()).addAll(facts);
		}
		return arriving;
	}

}
