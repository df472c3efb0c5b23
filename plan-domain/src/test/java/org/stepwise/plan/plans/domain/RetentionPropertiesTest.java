package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Retention;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard that pruning changes no clinical result (issue 19): one patient's long
 * simulated history (craving runs, use, a long stretch of missed sessions and silence,
 * late facts, scores every two weeks) is evaluated twice in lockstep, as plan-service
 * does (a clock pass each morning, the day's facts in the evening), once keeping every
 * fact and once pruned by {@link Retention} after each evaluation. Every evaluation must
 * publish the same events and reach the same assessment (signals with their evidence,
 * readiness), lapse estimate (with its drivers' words), plan and recommendations, and the
 * progress picture's delivered hours must agree.
 */
class RetentionPropertiesTest {

	static final int DAYS = 150;

	static final Thresholds THRESHOLDS = Thresholds.DEFAULTS;

	static final Retention RETENTION = Retention.of(THRESHOLDS);

	@Property(tries = 12)
	void thePrunedProjectionGivesExactlyTheResultsOfTheWholeHistory(@ForAll long seed) {
		lockstep(history(new Random(seed), false), ProgramFocus.DEFAULT);
	}

	/**
	 * The same for an adolescent program with weekly family sessions, often missed: S13's
	 * run spans weeks, longer than the windows.
	 */
	@Property(tries = 8)
	void familySessionRunsSurvivePruning(@ForAll long seed) {
		lockstep(history(new Random(seed), true),
				ProgramFocus.of(List.of(ProgramType.DUAL_DIAGNOSIS, ProgramType.ADOLESCENT)));
	}

	private static void lockstep(Map<Integer, List<StepwiseEvent>> arriving, ProgramFocus focus) {
		PatientState start = EvaluatorTest.enrolled(9, false);
		PatientState full = start;
		PatientState pruned = start;
		int event = 0;
		for (int day = 0; day < DAYS; day++) {
			// the clinical clock's morning pass
			Instant morning = Facts.at(day, 0).plusSeconds(1800);
			Evaluator.Result fullPass = evaluate(full, List.of(), morning, List.of(), focus);
			Evaluator.Result prunedPass = evaluate(pruned, List.of(), morning, List.of(), focus);
			assertSame(fullPass, prunedPass, day, "morning", morning);
			full = fullPass.state();
			pruned = prune(prunedPass, morning);
			// the day's facts (some of earlier days, arriving late) in the evening
			List<StepwiseEvent> facts = arriving.getOrDefault(day, List.of());
			if (facts.isEmpty()) {
				continue;
			}
			List<String> causes = new ArrayList<>();
			for (int i = 0; i < facts.size(); i++) {
				causes.add("e" + event++);
			}
			Instant evening = Facts.at(day, 21);
			Evaluator.Result fullResult = evaluate(full, facts, evening, causes, focus);
			Evaluator.Result prunedResult = evaluate(pruned, facts, evening, causes, focus);
			assertSame(fullResult, prunedResult, day, "evening", evening);
			full = fullResult.state();
			pruned = prune(prunedResult, evening);
		}
		// bounded: the retained days (to a Monday), the first two weeks and a few ends of
		// runs, against the whole history
		assertThat(pruned.projection().checkIns().size())
			.as("check-ins kept of %d", full.projection().checkIns().size())
			.isLessThan(full.projection().checkIns().size())
			.isLessThanOrEqualTo(RETENTION.days() + 7 + 14 + 4);
		// the delivered hours of the weeks that left: only those the progress picture
		// shows, not one a week for good
		assertThat(pruned.projection().pastWeekHours()).hasSizeLessThanOrEqualTo(Rules.DELIVERED_HOURS_WEEKS);
	}

	private static Evaluator.Result evaluate(PatientState state, List<StepwiseEvent> facts, Instant now,
			List<String> causes, ProgramFocus focus) {
		PatientState folded = facts.isEmpty() ? state : state.withProjection(state.projection().fold(facts));
		return Evaluator.evaluate(folded, THRESHOLDS, focus, LapseRiskModel.DEFAULT, Facts.ZONE, now, causes);
	}

	private static PatientState prune(Evaluator.Result result, Instant now) {
		PatientState state = result.state();
		return state.withProjection(RETENTION.prune(state.projection(), Facts.ZONE, now, state.absenceAsOf()));
	}

	private static void assertSame(Evaluator.Result full, Evaluator.Result pruned, int day, String when, Instant now) {
		String at = "day " + day + " " + when;
		assertThat(pruned.assessment()).as(at + ": assessment").isEqualTo(full.assessment());
		assertThat(pruned.lapseEstimate()).as(at + ": lapse estimate").isEqualTo(full.lapseEstimate());
		assertThat(pruned.events()).as(at + ": events").isEqualTo(full.events());
		assertThat(pruned.absenceSettlesAt()).as(at + ": absence settles").isEqualTo(full.absenceSettlesAt());
		assertThat(pruned.state().withProjection(Projection.EMPTY)).as(at + ": state")
			.isEqualTo(full.state().withProjection(Projection.EMPTY));
		assertThat(Rules.deliveredHoursPerWeek(pruned.state().projection(), Facts.ZONE, now))
			.as(at + ": delivered hours")
			.isEqualTo(Rules.deliveredHoursPerWeek(full.state().projection(), Facts.ZONE, now));
	}

	/**
	 * The facts of {@link #DAYS} days by the day they arrive: most the same evening, some
	 * up to five days late; phases of steady treatment, high craving with use, and a long
	 * disengagement (sessions missed or never recorded, no check-ins).
	 */
	static Map<Integer, List<StepwiseEvent>> history(Random random) {
		return history(random, false);
	}

	/** With {@code family}, a family session every Thursday too, missed half the time. */
	static Map<Integer, List<StepwiseEvent>> history(Random random, boolean family) {
		Map<Integer, List<StepwiseEvent>> arriving = new HashMap<>();
		int disengagedFrom = 30 + random.nextInt(40);
		int disengagedTo = disengagedFrom + 20 + random.nextInt(50);
		int mood = 5;
		int craving = 3;
		for (int day = 0; day < DAYS; day++) {
			boolean disengaged = day >= disengagedFrom && day < disengagedTo;
			List<StepwiseEvent> facts = new ArrayList<>();
			if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
				String session = "s" + day;
				facts.add(Facts.session(session, day));
				double roll = random.nextDouble();
				if (disengaged) {
					if (roll < 0.7) {
						facts.add(Facts.attendance(session, day, AttendanceStatus.NO_SHOW));
					}
					else if (roll < 0.8) {
						facts.add(Facts.attendance(session, day, AttendanceStatus.EXCUSED));
					}
					// else never recorded
				}
				else {
					facts.add(Facts.attendance(session, day, (roll < 0.1) ? AttendanceStatus.NO_SHOW
							: (roll < 0.15) ? AttendanceStatus.EXCUSED : AttendanceStatus.ATTENDED));
				}
			}
			if (family && day % 7 == 3) {
				String session = "fam" + day;
				facts.add(Facts.familySession(session, day));
				double roll = random.nextDouble();
				if (roll < 0.4) {
					facts.add(Facts.familyAttendance(session, day, AttendanceStatus.NO_SHOW));
				}
				else if (roll < 0.5) {
					facts.add(Facts.familyAttendance(session, day, AttendanceStatus.EXCUSED));
				}
				else if (roll < 0.8 && !disengaged) {
					facts.add(Facts.familyAttendance(session, day, AttendanceStatus.ATTENDED));
				}
				// else never recorded
			}
			// craving drifts, with runs of high craving now and then
			craving = Math.clamp(craving + random.nextInt(3) - 1 + ((random.nextDouble() < 0.05) ? 5 : 0), 0, 10);
			mood = Math.clamp(mood + random.nextInt(3) - 1, 0, 10);
			if (!disengaged && random.nextDouble() < 0.85) {
				boolean used = random.nextDouble() < 0.05;
				facts.add(new CheckInSubmitted("ci-" + day, "program-a", "p1", mood, craving, used,
						used ? List.of("alcohol") : List.of(), BigDecimal.valueOf(5 + random.nextInt(4)),
						random.nextInt(11), true, Set.of(), Facts.at(day, 20), Facts.at(day, 20),
						random.nextDouble() < 0.1 ? null : random.nextInt(11), random.nextDouble() < 0.05, null));
			}
			if (day % 14 == 1) {
				int item9 = (random.nextDouble() < 0.05) ? 1 : 0;
				facts.add(Facts.phq9("phq-" + day, day, random.nextInt(22), item9));
				facts.add(Facts.score("gad-" + day, org.stepwise.contracts.assessment.Instrument.GAD7, day,
						random.nextInt(18)));
			}
			if (day % 28 == 5) {
				facts.add(Facts.bam("bam-" + day, day, random.nextDouble() < 0.2 ? 1 : 0, random.nextInt(20),
						random.nextInt(24)));
			}
			if (random.nextDouble() < 0.04) {
				facts.add(Facts.uds("uds-" + day, day, random.nextDouble() < 0.4));
			}
			if (random.nextDouble() < 0.03) {
				facts.add(Facts.score("pacs-" + day, org.stepwise.contracts.assessment.Instrument.PACS, day,
						random.nextInt(30)));
			}
			if (random.nextDouble() < 0.01) {
				facts.add(Facts.cssrs("cssrs-" + day, day, random.nextDouble() < 0.5));
			}
			for (StepwiseEvent fact : facts) {
				int late = (random.nextDouble() < 0.1) ? 1 + random.nextInt(5) : 0;
				arriving.computeIfAbsent(day + late, (d) -> new ArrayList<>()).add(fact);
			}
		}
		return arriving;
	}

}
