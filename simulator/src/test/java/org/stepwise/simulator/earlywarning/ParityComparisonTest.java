package org.stepwise.simulator.earlywarning;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.stepwise.contracts.progress.LapseRiskLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.progress.LapseRiskLevel.ELEVATED;
import static org.stepwise.contracts.progress.LapseRiskLevel.HIGH;
import static org.stepwise.contracts.progress.LapseRiskLevel.LOW;

class ParityComparisonTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);

	/** LOW, LOW, MEDIUM, HIGH, HIGH, LOW, MEDIUM (open at the end). */
	static final List<LapseRiskLevel> LEVELS = List.of(LOW, LOW, ELEVATED, HIGH, HIGH, LOW, ELEVATED);

	@Test
	void episodesRunFromTheFirstDayWithAnAlertToTheFirstDayWithoutOne() {
		List<ParityComparison.Episode> episodes = ParityComparison.episodes(offline(LEVELS));

		assertThat(episodes).containsExactly(
				new ParityComparison.Episode(DAY0.plusDays(2), DAY0.plusDays(5), List.of(ELEVATED, HIGH, HIGH)),
				new ParityComparison.Episode(DAY0.plusDays(6), null, List.of(ELEVATED)));
		assertThat(episodes.get(0).describe()).isEqualTo("01-07..01-09 MHH, resolved 01-10");
		assertThat(episodes.get(1).describe()).isEqualTo("01-11..01-11 M, open");
	}

	@Test
	void theStackAgreesWhenItsProgressEventsGiveTheSameLevelAtTheEndOfEveryDay() {
		List<ParityComparison.StackAssessment> events = new ArrayList<>();
		// several events on one day: the last one counts; none on a day: the level holds
		events.add(event(0, 0, 1, LOW));
		events.add(event(2, 20, 2, HIGH));
		events.add(event(2, 21, 3, ELEVATED));
		events.add(event(3, 0, 4, HIGH));
		events.add(event(5, 0, 5, LOW));
		events.add(event(6, 22, 6, ELEVATED));
		List<ParityComparison.StackAlert> alerts = List.of(alert(2, "HIGH", false), alert(6, "MEDIUM", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", offline(LEVELS)), events, alerts, ZONE,
				DAY0.plusDays(6));

		assertThat(result.agrees()).isTrue();
		assertThat(result.episodes()).isEqualTo(2);
		assertThat(result.verdict()).isEqualTo("parity: 1 patients, 2 alert episodes, all agree");
		assertThat(result.table()).contains("p1", "01-07..01-09 MHH, resolved 01-10; 01-11..01-11 M, open | "
				+ "01-07..01-09 MHH, resolved 01-10; 01-11..01-11 M, open");
	}

	@Test
	void aDayOnWhichTheLevelsDifferIsADifferenceOfThatPatientAndDay() {
		List<ParityComparison.StackAssessment> events = List.of(event(1, 21, 1, ELEVATED), event(3, 0, 2, HIGH),
				event(5, 0, 3, LOW), event(6, 1, 4, ELEVATED));
		List<ParityComparison.StackAlert> alerts = List.of(alert(1, "HIGH", false), alert(6, "MEDIUM", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", offline(LEVELS)), events, alerts, ZONE,
				DAY0.plusDays(6));

		assertThat(result.agrees()).isFalse();
		assertThat(result.differences()).extracting(Object::toString)
			.containsExactly("p1 2026-01-06: alert level offline none, stack MEDIUM",
					"p1: RELAPSE_RISK alerts opened on [2026-01-06, 2026-01-11] in alert-service, offline episodes "
							+ "open on [2026-01-07, 2026-01-11]");
		assertThat(result.verdict())
			.startsWith("parity: 1 patients, 2 alert episodes offline, 2 differences in 1 " + "patients:");
	}

	@Test
	void alertServiceMustHoldOneAlertPerEpisodeResolvedWhenItEndedAndAtTheLastSeverityWhileOpen() {
		List<ParityComparison.StackAssessment> events = List.of(event(2, 0, 1, ELEVATED), event(3, 0, 2, HIGH),
				event(5, 0, 3, LOW), event(6, 0, 4, ELEVATED));
		List<ParityComparison.StackAlert> stillActive = List.of(alert(2, "HIGH", true), alert(6, "HIGH", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", offline(LEVELS)), events, stillActive,
				ZONE, DAY0.plusDays(6));

		assertThat(result.differences()).extracting(ParityComparison.Difference::what)
			.containsExactly("the alert opened 2026-01-07 is still active in alert-service, offline it resolved",
					"alert-service's alert opened 2026-01-11 is active at HIGH, offline it is open at MEDIUM");
	}

	@Test
	void alertsAfterAPatientsLastComparedDayAreNotCompared() {
		// a dropout's offline days end early; the stack went on looking at them
		SortedMap<LocalDate, LapseRiskLevel> offline = offline(List.of(LOW, ELEVATED, ELEVATED));
		List<ParityComparison.StackAssessment> events = List.of(event(1, 0, 1, ELEVATED), event(9, 0, 2, HIGH));
		List<ParityComparison.StackAlert> alerts = List.of(alert(1, "HIGH", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", offline), events, alerts, ZONE,
				DAY0.plusDays(20));

		assertThat(result.agrees()).isTrue();
	}

	@Test
	void alertServicesAnswerIsReadForTheSampleOnly() {
		String body = """
				[{"patientId":"p1","kind":"RELAPSE_RISK","severity":"HIGH","status":"ACKNOWLEDGED",
				  "values":{"firstAssessedAt":"2026-01-08T03:00:00Z"}},
				 {"patientId":"p1","kind":"RELAPSE_RISK","severity":"MEDIUM","status":"AUTO_RESOLVED",
				  "values":{"firstAssessedAt":"2026-01-06T20:00:00Z"}},
				 {"patientId":"p1","kind":"DISENGAGEMENT","severity":"MEDIUM","status":"OPEN","values":{}},
				 {"patientId":"other","kind":"RELAPSE_RISK","severity":"MEDIUM","status":"OPEN",
				  "values":{"firstAssessedAt":"2026-01-06T20:00:00Z"}}]
				""";

		assertThat(ParityCheck.alerts(body, Set.of("p1"), ZONE)).containsExactly(
				// 03:00 UTC is the evening before in Chicago
				new ParityComparison.StackAlert("p1", LocalDate.of(2026, 1, 7), "HIGH", true),
				new ParityComparison.StackAlert("p1", LocalDate.of(2026, 1, 6), "MEDIUM", false));
	}

	@Test
	void clockPassesAreTheScheduleTriggersEvaluationCount() {
		String prometheus = """
				# TYPE stepwise_progress_evaluation_seconds histogram
				stepwise_progress_evaluation_seconds_count{application="plan-service",trigger="event"} 41
				stepwise_progress_evaluation_seconds_count{application="plan-service",trigger="schedule"} 17
				stepwise_progress_evaluation_seconds_sum{application="plan-service",trigger="schedule"} 0.5
				""";

		assertThat(StackFeed.clockPasses(prometheus)).isEqualTo(17);
		assertThat(StackFeed.clockPasses("")).isZero();
	}

	private static SortedMap<LocalDate, LapseRiskLevel> offline(List<LapseRiskLevel> levels) {
		SortedMap<LocalDate, LapseRiskLevel> days = new TreeMap<>();
		for (int i = 0; i < levels.size(); i++) {
			days.put(DAY0.plusDays(i), levels.get(i));
		}
		return days;
	}

	private static ParityComparison.StackAssessment event(int day, int hour, long revision, LapseRiskLevel level) {
		return new ParityComparison.StackAssessment("p1",
				DAY0.plusDays(day).atTime(LocalTime.of(hour, 1)).atZone(ZONE).toInstant(), revision, level);
	}

	private static ParityComparison.StackAlert alert(int day, String severity, boolean active) {
		return new ParityComparison.StackAlert("p1", DAY0.plusDays(day), severity, active);
	}

}
