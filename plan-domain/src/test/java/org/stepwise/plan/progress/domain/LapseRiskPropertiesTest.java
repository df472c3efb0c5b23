package org.stepwise.plan.progress.domain;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.progress.LapseRiskLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random histories: the score is a probability, monotone in each risk feature (a
 * worse answer on the latest check-in never lowers it), the same whatever the order of
 * the events, and its level never drops without the calm days.
 */
class LapseRiskPropertiesTest {

	record Answer(int craving, int confidence, int mood, int stress, int sleepTenths, boolean highRisk) {
	}

	@Property(tries = 300)
	void aWorseLatestAnswerNeverLowersTheScore(@ForAll("histories") List<Answer> history,
			@ForAll @IntRange(min = 0, max = 5) int craving, @ForAll @IntRange(min = 0, max = 5) int confidence,
			@ForAll @IntRange(min = 0, max = 5) int mood, @ForAll @IntRange(min = 0, max = 5) int stress) {
		List<StepwiseEvent> events = events(history);
		int last = history.size() - 1;
		Answer latest = history.get(last);
		Answer worse = new Answer(Math.min(10, latest.craving() + craving),
				Math.max(0, latest.confidence() - confidence), Math.max(0, latest.mood() - mood),
				Math.min(10, latest.stress() + stress), latest.sleepTenths(), latest.highRisk());
		List<StepwiseEvent> worsened = new ArrayList<>(events.subList(0, last));
		worsened.add(event(last, worse));

		double before = LapseRiskTest.estimate(events, Facts.at(last, 23)).probability();
		double after = LapseRiskTest.estimate(worsened, Facts.at(last, 23)).probability();

		assertThat(before).isBetween(0.0, 1.0);
		assertThat(after).isGreaterThanOrEqualTo(before - 1e-12);
	}

	@Property(tries = 200)
	void theScoreDoesNotDependOnTheOrderEventsArrivedIn(@ForAll("histories") List<Answer> history, @ForAll long seed) {
		List<StepwiseEvent> events = events(history);
		events.add(Facts.attendance("s1", 3, AttendanceStatus.NO_SHOW));
		events.add(Facts.checkIn(2, 4, true));
		List<StepwiseEvent> shuffled = new ArrayList<>(events);
		java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
		int last = history.size() - 1;
		assertThat(LapseRiskTest.estimate(shuffled, Facts.at(last, 23)))
			.isEqualTo(LapseRiskTest.estimate(events, Facts.at(last, 23)));
	}

	@Property(tries = 200)
	void theLevelNeverFallsOnAnyDayBeforeTheCalmDaysHaveRun(@ForAll("histories") List<Answer> history) {
		List<StepwiseEvent> events = events(history);
		EarlyWarning warning = EarlyWarning.none(LapseRiskTest.MODEL);
		LapseRiskLevel previous = LapseRiskLevel.LOW;
		int calmDays = 0;
		for (int day = 0; day < history.size(); day++) {
			LapseRiskModel.Estimate estimate = LapseRiskTest.estimate(events.subList(0, day + 1), Facts.at(day, 23));
			warning = warning.next(estimate, LapseRiskTest.MODEL, Facts.START.plusDays(day));
			LapseRiskLevel held = LapseRiskTest.MODEL.levels().held(estimate.percent());
			calmDays = (held.compareTo(previous) < 0) ? calmDays + 1 : 0;
			if (warning.level().compareTo(previous) < 0) {
				assertThat(calmDays).as("day %d", day).isGreaterThanOrEqualTo(LapseRiskTest.MODEL.levels().clearDays());
				calmDays = 0;
			}
			previous = warning.level();
		}
	}

	@Provide
	Arbitrary<List<Answer>> histories() {
		Arbitrary<Integer> scale = Arbitraries.integers().between(0, 10);
		Arbitrary<Answer> answer = Combinators
			.combine(scale, scale, scale, scale, Arbitraries.integers().between(30, 100), Arbitraries.of(true, false))
			.as(Answer::new);
		return answer.list().ofMinSize(1).ofMaxSize(30);
	}

	private static List<StepwiseEvent> events(List<Answer> history) {
		List<StepwiseEvent> events = new ArrayList<>();
		for (int day = 0; day < history.size(); day++) {
			events.add(event(day, history.get(day)));
		}
		return events;
	}

	private static StepwiseEvent event(int day, Answer a) {
		return LapseRiskTest.checkIn(day, a.craving(), a.confidence(), a.mood(), a.stress(), a.sleepTenths() / 10.0,
				a.highRisk());
	}

}
