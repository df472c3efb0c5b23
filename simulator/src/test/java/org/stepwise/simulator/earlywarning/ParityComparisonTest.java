package org.stepwise.simulator.earlywarning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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

	/**
	 * Seven days: MEDIUM from day 2 at 20:00, HIGH on day 3 at 00:01, cleared on day 5 at
	 * 00:01, MEDIUM again on day 6 at 21:00 (open at the end).
	 */
	static final ParityComparison.OfflineAlert OFFLINE = offline(7, change(2, 20, ELEVATED), change(3, 0, HIGH),
			change(5, 0, LOW), change(6, 21, ELEVATED));

	@Test
	void episodesRunFromAChangeAwayFromLowToTheNextChangeToLow() {
		List<ParityComparison.Episode> episodes = ParityComparison.episodes(OFFLINE.changes(), OFFLINE.endOfDay(),
				ZONE);

		assertThat(episodes).containsExactly(
				new ParityComparison.Episode(DAY0.plusDays(2), DAY0.plusDays(5), List.of(ELEVATED, HIGH, HIGH)),
				new ParityComparison.Episode(DAY0.plusDays(6), null, List.of(ELEVATED)));
		assertThat(episodes.get(0).describe()).isEqualTo("01-07..01-09 MHH, resolved 01-10");
		assertThat(episodes.get(1).describe()).isEqualTo("01-11..01-11 M, open");
	}

	@Test
	void anAlertThatClearsAtTheMidnightLookAndOpensAgainThatDayIsTwoEpisodes() {
		// the end of every day says MEDIUM; alert-service resolved one alert and opened
		// another
		ParityComparison.OfflineAlert offline = offline(4, change(1, 20, ELEVATED), change(2, 0, LOW),
				change(2, 21, ELEVATED));

		List<ParityComparison.Episode> episodes = ParityComparison.episodes(offline.changes(), offline.endOfDay(),
				ZONE);

		assertThat(episodes).extracting(ParityComparison.Episode::describe)
			.containsExactly("01-06..01-06 M, resolved 01-07", "01-07..01-08 MM, open");
		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", offline),
				events(change(1, 20, ELEVATED), change(2, 0, LOW), change(2, 21, ELEVATED)),
				List.of(alert(1, "MEDIUM", true)), ZONE, DAY0.plusDays(3));
		assertThat(result.differences()).extracting(ParityComparison.Difference::what)
			.containsExactly("RELAPSE_RISK alerts opened on [2026-01-06] in alert-service, offline episodes open on "
					+ "[2026-01-06, 2026-01-07]");
	}

	@Test
	void theStackAgreesWhenItsProgressEventsChangeTheLevelAtTheSameInstants() {
		List<ParityComparison.StackAssessment> events = new java.util.ArrayList<>(
				events(change(2, 20, ELEVATED), change(3, 0, HIGH), change(5, 0, LOW), change(6, 21, ELEVATED)));
		// events that change nothing (the score moved) are not changes
		events.add(event(3, 18, 10, HIGH));
		events.add(event(0, 0, 0, LOW));
		List<ParityComparison.StackAlert> alerts = List.of(alert(2, "HIGH", false), alert(6, "MEDIUM", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", OFFLINE), events, alerts, ZONE,
				DAY0.plusDays(6));

		assertThat(result.agrees()).isTrue();
		assertThat(result.episodes()).isEqualTo(2);
		assertThat(result.verdict()).isEqualTo("parity: 1 patients, 2 alert episodes, all agree");
		assertThat(result.table()).contains("p1", "01-07..01-09 MHH, resolved 01-10; 01-11..01-11 M, open | "
				+ "01-07..01-09 MHH, resolved 01-10; 01-11..01-11 M, open");
	}

	@Test
	void aChangeAtAnotherInstantIsADifferenceEvenOnTheSameDay() {
		List<ParityComparison.StackAssessment> events = events(change(2, 18, ELEVATED), change(3, 0, HIGH),
				change(5, 0, LOW), change(6, 21, ELEVATED));
		List<ParityComparison.StackAlert> alerts = List.of(alert(2, "HIGH", false), alert(6, "MEDIUM", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", OFFLINE), events, alerts, ZONE,
				DAY0.plusDays(6));

		assertThat(result.differences()).extracting(Object::toString)
			.containsExactly("p1 2026-01-07: offline the alert became MEDIUM at 2026-01-07 20:01, the stack's did not",
					"p1 2026-01-07: the stack's alert became MEDIUM at 2026-01-07 18:01, offline it did not");
	}

	@Test
	void aDayThatEndsAtAnotherLevelIsADifferenceOfThatPatientAndDay() {
		List<ParityComparison.StackAssessment> events = events(change(1, 21, ELEVATED), change(3, 0, HIGH),
				change(5, 0, LOW), change(6, 21, ELEVATED));
		List<ParityComparison.StackAlert> alerts = List.of(alert(1, "HIGH", false), alert(6, "MEDIUM", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", OFFLINE), events, alerts, ZONE,
				DAY0.plusDays(6));

		assertThat(result.agrees()).isFalse();
		assertThat(result.differences()).extracting(Object::toString)
			.containsExactly("p1 2026-01-06: alert level at the end of the day offline none, stack MEDIUM",
					"p1 2026-01-07: offline the alert became MEDIUM at 2026-01-07 20:01, the stack's did not",
					"p1 2026-01-06: the stack's alert became MEDIUM at 2026-01-06 21:01, offline it did not",
					"p1: RELAPSE_RISK alerts opened on [2026-01-06, 2026-01-11] in alert-service, offline episodes "
							+ "open on [2026-01-07, 2026-01-11]");
		assertThat(result.verdict())
			.startsWith("parity: 1 patients, 2 alert episodes offline, 4 differences in 1 " + "patients:");
	}

	@Test
	void alertServiceMustHoldOneAlertPerEpisodeResolvedWhenItEndedAndAtTheLastSeverityWhileOpen() {
		List<ParityComparison.StackAssessment> events = events(change(2, 20, ELEVATED), change(3, 0, HIGH),
				change(5, 0, LOW), change(6, 21, ELEVATED));
		List<ParityComparison.StackAlert> stillActive = List.of(alert(2, "HIGH", true), alert(6, "HIGH", true));

		ParityComparison.Result result = ParityComparison.compare(Map.of("p1", OFFLINE), events, stillActive, ZONE,
				DAY0.plusDays(6));

		assertThat(result.differences()).extracting(ParityComparison.Difference::what)
			.containsExactly("the alert opened 2026-01-07 is still active in alert-service, offline it resolved",
					"alert-service's alert opened 2026-01-11 is active at HIGH, offline it is open at MEDIUM");
	}

	@Test
	void whatHappensAfterAPatientsLastComparedDayIsNotCompared() {
		// a dropout's offline days end early; the stack went on looking at them
		ParityComparison.OfflineAlert offline = offline(3, change(1, 20, ELEVATED));
		List<ParityComparison.StackAssessment> events = events(change(1, 20, ELEVATED), change(9, 0, HIGH),
				change(12, 0, LOW), change(15, 0, ELEVATED));
		List<ParityComparison.StackAlert> alerts = List.of(alert(1, "HIGH", false), alert(15, "MEDIUM", true));

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

	/** {@code days} days from DAY0, the end of each day following the changes. */
	private static ParityComparison.OfflineAlert offline(int days, OfflineReplay.AlertChange... changes) {
		SortedMap<LocalDate, LapseRiskLevel> endOfDay = new TreeMap<>();
		LapseRiskLevel level = LOW;
		int next = 0;
		for (int i = 0; i < days; i++) {
			LocalDate day = DAY0.plusDays(i);
			while (next < changes.length && !LocalDate.ofInstant(changes[next].at(), ZONE).isAfter(day)) {
				level = changes[next++].level();
			}
			endOfDay.put(day, level);
		}
		return new ParityComparison.OfflineAlert(endOfDay, List.of(changes));
	}

	private static OfflineReplay.AlertChange change(int day, int hour, LapseRiskLevel level) {
		return new OfflineReplay.AlertChange(at(day, hour), level);
	}

	private static List<ParityComparison.StackAssessment> events(OfflineReplay.AlertChange... changes) {
		List<ParityComparison.StackAssessment> events = new java.util.ArrayList<>();
		for (int i = 0; i < changes.length; i++) {
			events.add(new ParityComparison.StackAssessment("p1", changes[i].at(), i + 1, changes[i].level()));
		}
		return events;
	}

	private static ParityComparison.StackAssessment event(int day, int hour, long revision, LapseRiskLevel level) {
		return new ParityComparison.StackAssessment("p1", at(day, hour), revision, level);
	}

	private static Instant at(int day, int hour) {
		return DAY0.plusDays(day).atTime(LocalTime.of(hour, 1)).atZone(ZONE).toInstant();
	}

	private static ParityComparison.StackAlert alert(int day, String severity, boolean active) {
		return new ParityComparison.StackAlert("p1", DAY0.plusDays(day), severity, active);
	}

}
