package org.stepwise.plan.plans.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.InstrumentSchedule;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing alerts for an overdue instrument alone (docs/clinical-rules.md section 8,
 * instrument schedules): the schedule's intervals change no evaluation. A patient who
 * checks in daily and attends, but takes no instrument for 60 days, is evaluated day by
 * day with the default intervals and with every instrument due daily; each day publishes
 * the same events and the same assessment, while every scheduled instrument is long
 * overdue.
 */
class OverdueNeverAlertsTest {

	@Test
	void theIntervalsChangeNoEvaluation() {
		Thresholds daily = Thresholds.DEFAULTS.withOverrides(Map.of("phq9EveryDays", "1", "gad7EveryDays", "1",
				"bamEveryDays", "1", "auditcEveryDays", "1", "dast10EveryDays", "1", "pacsEveryDays", "1"));
		PatientState byDefault = EvaluatorTest.enrolled(9, false);
		PatientState byDay = byDefault;
		for (int day = 1; day <= 60; day++) {
			List<StepwiseEvent> facts = new ArrayList<>();
			facts.add(Facts.checkIn(day, 2, false));
			if (day % 2 == 0) {
				facts.add(Facts.session("s" + day, day));
				facts.add(Facts.attendance("s" + day, day, AttendanceStatus.ATTENDED));
			}
			Evaluator.Result withDefaults = EvaluatorTest.evaluate(byDefault, facts, day, Thresholds.DEFAULTS);
			Evaluator.Result withDaily = EvaluatorTest.evaluate(byDay, facts, day, daily);
			assertThat(withDaily.events()).as("day %d events", day).isEqualTo(withDefaults.events());
			assertThat(withDaily.assessment()).as("day %d assessment", day).isEqualTo(withDefaults.assessment());
			byDefault = withDefaults.state();
			byDay = withDaily.state();
		}
		assertThat(InstrumentSchedule.of(ProgramFocus.DEFAULT, daily).due(byDay.projection(), Facts.START, Facts.ZONE))
			.as("every scheduled instrument is overdue on day 60")
			.hasSize(6)
			.allSatisfy((due) -> assertThat(due.overdue(Facts.START.plusDays(60))).isTrue());
		assertThat(byDay.projection().lastScored(Instrument.PHQ9)).isNull();
	}

}
