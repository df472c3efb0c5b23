package org.stepwise.simulator.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportInputTest {

	/**
	 * As alert-service answers (a safety alert of the fast path, a progress alert, a
	 * relapse-risk alert).
	 */
	private static final String ALERTS = """
			[{"id":"ab05e4c3","programId":"program-sim","patientId":"sim42-p0008","kind":"SAFETY",
			  "severity":"CRITICAL","status":"OPEN","evidence":"PHQ-9 item 9 = 2 on 2026-10-22",
			  "values":{"signal":"S1"},"careTeam":[],"sourceEventIds":["5983"],"sourceRevision":1792707600000,
			  "raisedAt":"2026-12-01T21:43:51.116Z","updatedAt":"2026-12-01T21:43:51.116Z","history":[]},
			 {"id":"c1","programId":"program-sim","patientId":"sim42-p0003","kind":"DISENGAGEMENT",
			  "severity":"MEDIUM","status":"OPEN","sourceRevision":7,"raisedAt":"2026-12-01T21:44:00Z"},
			 {"id":"r1","programId":"program-sim","patientId":"sim42-p0005","kind":"RELAPSE_RISK",
			  "severity":"HIGH","status":"OPEN","values":{"riskLevel":"HIGH","signals":"S6",
			  "firstAssessedAt":"2026-10-09T13:00:02Z"},"sourceRevision":12,"raisedAt":"2026-12-01T21:44:03Z"}]
			""";

	/**
	 * A plan history as plan-service answers (fields the report does not read left out).
	 */
	private static final String HISTORY = """
			[{"version":1,"levelOfCare":{"code":"2.1","edition":3},"weeklyHours":9,"direction":"ENROLLED","changedBy":"clinician-a1",
			  "occurredAt":"2026-10-01T15:00:00Z"},
			 {"version":2,"levelOfCare":{"code":"2.1","edition":3},"weeklyHours":12,"direction":"STEP_UP","changedBy":"system",
			  "occurredAt":"2026-10-15T15:00:00Z"},
			 {"version":3,"levelOfCare":{"code":"2.1","edition":3},"weeklyHours":12,"direction":"UNCHANGED_INTENSITY",
			  "changedBy":"clinician-a1","occurredAt":"2026-10-16T15:00:00Z"},
			 {"version":4,"levelOfCare":{"code":"1","edition":3},"weeklyHours":3,"direction":"STEP_DOWN","changedBy":"clinician-a1",
			  "occurredAt":"2026-11-20T15:00:00Z"}]
			""";

	@Test
	void readsPlanChangesAutomaticWhenTheSystemMadeThemAndStepDownWhenTheLevelWentDown() {
		try (HttpClient http = HttpClient.newHttpClient()) {
			List<Observed.PlanChange> changes = new PlanHistoryClient(http, URI.create("http://127.0.0.1:1"))
				.parse("p1", HISTORY);
			assertThat(changes).containsExactly(
					new Observed.PlanChange("p1", Instant.parse("2026-10-15T15:00:00Z"), true, false),
					new Observed.PlanChange("p1", Instant.parse("2026-11-20T15:00:00Z"), false, true));
		}
	}

	@Test
	void readsAlertServiceAlertsWithTheClinicalTimeWhereTheyCarryOne() {
		try (HttpClient http = HttpClient.newHttpClient()) {
			List<Observed.Alert> alerts = new AlertsClient(http, URI.create("http://127.0.0.1:1")).parse(ALERTS);
			assertThat(alerts).containsExactly(
					new Observed.Alert("sim42-p0008", "SAFETY", "CRITICAL", Instant.ofEpochMilli(1792707600000L),
							Instant.parse("2026-12-01T21:43:51.116Z")),
					new Observed.Alert("sim42-p0003", "DISENGAGEMENT", "MEDIUM", Instant.parse("2026-12-01T21:44:00Z"),
							Instant.parse("2026-12-01T21:44:00Z")),
					new Observed.Alert("sim42-p0005", "RELAPSE_RISK", "HIGH", Instant.parse("2026-10-09T13:00:02Z"),
							Instant.parse("2026-12-01T21:44:03Z")));
		}
	}

	@Test
	void aSimulationRunSurvivesItsJsonFile() {
		Cohort cohort = CohortGenerator.generate(CohortSpec.of(3, 12, 8, LocalDate.of(2026, 9, 7)));
		SimulationRun run = new SimulationRun("program-sim", "America/Chicago", cohort.truth(),
				Map.of("sim3-p0001", Instant.parse("2026-12-01T10:00:00Z")));
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readValue(json.writeValueAsBytes(run), SimulationRun.class)).isEqualTo(run);
	}

}
