package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Retention;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * De-duplication without applied ids (issue 19): over a long pruned history, as
 * plan-service keeps it, any fact delivered before, however long ago and whether its fact
 * is still held or retention has let go of it, is no news when it comes again; and every
 * new attendance, check-in or score is news.
 */
class RedeliveryPropertiesTest {

	static final Retention RETENTION = RetentionPropertiesTest.RETENTION;

	@Property(tries = 8)
	void anEarlierFactIsNeverNewsAndANewOneAlwaysIs(@ForAll long seed) {
		Random random = new Random(seed);
		Map<Integer, List<StepwiseEvent>> arriving = RetentionPropertiesTest.history(random);
		PatientState full = EvaluatorTest.enrolled(9, false);
		PatientState pruned = full;
		List<StepwiseEvent> delivered = new ArrayList<>();
		for (int day = 0; day < RetentionPropertiesTest.DAYS; day++) {
			List<StepwiseEvent> facts = arriving.getOrDefault(day, List.of());
			if (facts.isEmpty()) {
				continue;
			}
			Instant evening = Facts.at(day, 21);
			List<Integer> news = RETENTION.news(pruned.projection(), facts, Facts.ZONE);
			Set<Integer> newToTheWholeHistory = new HashSet<>(full.projection().foldTelling(facts).changedBy());
			for (int i = 0; i < facts.size(); i++) {
				if (newToTheWholeHistory.contains(i) && !(facts.get(i) instanceof SessionScheduled)) {
					assertThat(news).as("day %d: %s", day, facts.get(i)).contains(i);
				}
			}
			full = evaluate(full, facts, evening);
			pruned = evaluate(pruned, facts, evening);
			pruned = pruned
				.withProjection(RETENTION.prune(pruned.projection(), Facts.ZONE, evening, pruned.absenceAsOf()));
			delivered.addAll(facts);

			List<StepwiseEvent> again = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				again.add(delivered.get(random.nextInt(delivered.size())));
			}
			assertThat(RETENTION.news(pruned.projection(), again, Facts.ZONE)).as("day %d: redelivered", day).isEmpty();
		}
		assertThat(pruned.projection().keptFrom()).as("retention pruned").isNotNull();
	}

	private static PatientState evaluate(PatientState state, List<StepwiseEvent> facts, Instant now) {
		return Evaluator
			.evaluate(state.withProjection(state.projection().fold(facts)), RetentionPropertiesTest.THRESHOLDS,
					LapseRiskModel.DEFAULT, Facts.ZONE, now, List.of("e"))
			.state();
	}

}
