package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late and out-of-order facts are normal (issue 18): a patient who attended every session
 * and checked in every day never gets an absence-based signal (S9, S10, S11, S12),
 * whatever order the facts arrive in, evaluated after each fact as plan-service does.
 */
class LateDataTest {

	static final Set<String> ABSENCE = Set.of("S9", "S10", "S11", "S12");

	/** Enrolled on day 0 at 08:00 (the enrolment's evaluation, no facts). */
	static PatientState enrolled() {
		PatientState state = EvaluatorTest.enrolled(9, true);
		return Evaluator
			.evaluate(state, Thresholds.DEFAULTS, LapseRiskModel.DEFAULT, Facts.ZONE, Facts.at(0, 8), List.of())
			.state();
	}

	/**
	 * Four weeks, Mon/Wed/Fri groups attended, a check-in every day, in the order they
	 * happened (each session scheduled before it is attended).
	 */
	static List<StepwiseEvent> attendedEverything(int days) {
		List<StepwiseEvent> facts = new ArrayList<>();
		for (int day = 0; day < days; day++) {
			if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
				facts.add(Facts.session("s" + day, day));
				facts.add(Facts.attendance("s" + day, day, AttendanceStatus.ATTENDED));
			}
			facts.add(Facts.checkIn(day, 2, false));
		}
		return facts;
	}

	/** Applies the facts one by one, evaluating after each; every result. */
	static List<Evaluator.Result> oneByOne(PatientState start, List<StepwiseEvent> facts, List<Instant> at) {
		List<Evaluator.Result> results = new ArrayList<>();
		PatientState state = start;
		for (int i = 0; i < facts.size(); i++) {
			state = state.withProjection(state.projection().apply(facts.get(i)));
			Evaluator.Result result = Evaluator.evaluate(state, Thresholds.DEFAULTS, LapseRiskModel.DEFAULT, Facts.ZONE,
					at.get(i), List.of("event-" + i));
			results.add(result);
			state = result.state();
		}
		return results;
	}

	static Evaluator.Result clockPass(PatientState state, Instant at) {
		return Evaluator.evaluate(state, Thresholds.DEFAULTS, LapseRiskModel.DEFAULT, Facts.ZONE, at, List.of());
	}

	static void assertNoAbsence(List<Evaluator.Result> results) {
		for (Evaluator.Result result : results) {
			assertThat(result.assessment().signals()).extracting(SignalFired::id)
				.as("absence signals")
				.doesNotContainAnyElementsOf(ABSENCE);
			assertThat(result.events()).filteredOn(ProgressAssessed.class::isInstance)
				.allSatisfy((e) -> assertThat(((ProgressAssessed) e).signals()).extracting(SignalFired::id)
					.doesNotContainAnyElementsOf(ABSENCE));
		}
	}

	@Test
	void aReplayInReverseOrderRaisesNoAbsenceSignal() {
		// newest first: every attendance before its session's scheduling event, all
		// arriving on the morning of day 28 (a redelivery or a replay)
		List<StepwiseEvent> reversed = new ArrayList<>(attendedEverything(28));
		Collections.reverse(reversed);
		List<Instant> arrivals = new ArrayList<>();
		for (int i = 0; i < reversed.size(); i++) {
			arrivals.add(Facts.at(28, 9).plusMillis(i));
		}
		List<Evaluator.Result> results = new ArrayList<>(oneByOne(enrolled(), reversed, arrivals));
		assertThat(results.getLast().absenceSettlesAt()).isEqualTo(arrivals.getLast().plusSeconds(600));
		// once the facts have been quiet for the settle time, absence is judged: nothing
		Evaluator.Result settled = clockPass(results.getLast().state(), results.getLast().absenceSettlesAt());
		assertThat(settled.absenceSettlesAt()).isNull();
		results.add(settled);
		assertNoAbsence(results);
	}

	@Test
	void liveWithEachAttendanceBeforeItsSessionOrTwentyHoursLateRaisesNothing() {
		for (boolean reversedPairs : List.of(true, false)) {
			List<StepwiseEvent> facts = new ArrayList<>();
			List<Instant> arrivals = new ArrayList<>();
			PatientState state = enrolled();
			List<Evaluator.Result> results = new ArrayList<>();
			for (int day = 0; day < 28; day++) {
				// the clock pass after midnight
				Evaluator.Result pass = clockPass(state, Facts.at(day, 0).plusSeconds(60));
				results.add(pass);
				state = pass.state();
				List<StepwiseEvent> ofDay = new ArrayList<>();
				List<Instant> at = new ArrayList<>();
				if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
					StepwiseEvent session = Facts.session("s" + day, day);
					if (reversedPairs) {
						// recorded at 13:00, the session's event redelivered after it
						ofDay.add(Facts.attendance("s" + day, day, AttendanceStatus.ATTENDED));
						at.add(Facts.at(day, 13));
						ofDay.add(session);
						at.add(Facts.at(day, 13).plusSeconds(5));
					}
					else {
						// scheduled in time, attendance recorded 20 hours after the
						// session
						ofDay.add(session);
						at.add(Facts.at(day, 8));
						ofDay.add(new AttendanceRecorded("late-" + day, "s" + day, "program-a", "p1", SessionType.GROUP,
								AttendanceStatus.ATTENDED, 180, 180, Facts.at(day, 9), Facts.at(day + 1, 8)));
						at.add(Facts.at(day + 1, 8));
					}
				}
				ofDay.add(Facts.checkIn(day, 2, false));
				at.add(Facts.at(day, 20));
				facts.addAll(ofDay);
				arrivals.addAll(at);
				List<Evaluator.Result> ofToday = oneByOne(state, ofDay, at);
				results.addAll(ofToday);
				state = ofToday.getLast().state();
			}
			assertNoAbsence(results);
		}
	}

	@Test
	void aSundaySessionRecordedOnMondayDoesNotUnderDoseItsWeek() {
		// Mon, Wed and Sun groups of 3 h (9 h, the IOP minimum); Sunday's attendance is
		// recorded on Monday at 10:00, after the midnight pass
		List<StepwiseEvent> week = new ArrayList<>();
		List<Instant> arrivals = new ArrayList<>();
		for (int day : List.of(0, 2, 6)) {
			week.add(Facts.session("s" + day, day));
			arrivals.add(Facts.at(0, 9));
		}
		for (int day = 0; day < 7; day++) {
			week.add(Facts.checkIn(day, 2, false));
			arrivals.add(Facts.at(day, 20));
		}
		week.add(Facts.attendance("s0", 0, AttendanceStatus.ATTENDED));
		arrivals.add(Facts.at(0, 13));
		week.add(Facts.attendance("s2", 2, AttendanceStatus.ATTENDED));
		arrivals.add(Facts.at(2, 13));
		List<Evaluator.Result> results = new ArrayList<>(oneByOne(enrolled(), week, arrivals));
		Evaluator.Result monday = clockPass(results.getLast().state(), Facts.at(7, 0).plusSeconds(60));
		results.add(monday);
		results.addAll(oneByOne(monday.state(), List.of(Facts.attendance("s6", 6, AttendanceStatus.ATTENDED)),
				List.of(Facts.at(7, 10))));
		results.add(clockPass(results.getLast().state(), Facts.at(8, 0).plusSeconds(60)));
		assertNoAbsence(results);
	}

}
