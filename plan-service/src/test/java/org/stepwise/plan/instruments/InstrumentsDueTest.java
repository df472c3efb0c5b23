package org.stepwise.plan.instruments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.programs.ProgramRequest;
import org.stepwise.plan.programs.Programs;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instrument schedules through the service (issue 22, item 2): a mental-health program
 * for adolescents that gives GAD-7 weekly (its own override; PHQ-9 keeps the 14 days), a
 * patient who started on 1 June and took a GAD-7 on 10 June. On 20 June the progress
 * picture and the caseload's list say "PHQ-9 overdue 5 days" and "GAD-7 overdue 3 days",
 * the gauge counts the patient once per instrument under the program's types, with no
 * patient id in a tag, and nobody else's caseload lists the patient.
 */
@PlanServiceTest
class InstrumentsDueTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** 20 June 2026, 10:00 in Chicago. */
	private static final Instant NOW = Instant.parse("2026-06-20T15:00:00Z");

	private static final String TYPE = "MENTAL_HEALTH+ADOLESCENT";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Programs programs;

	@Autowired
	InstrumentsOverdueGauge gauge;

	@Autowired
	MeterRegistry meters;

	@Test
	void anOverdueInstrumentShowsInWordsOnProgressAndCaseloadAndCountsInTheGauge() throws Exception {
		PlanServiceTest.CLOCK.set(NOW);
		String program = "teen-mh-" + System.nanoTime();
		this.programs.save(program,
				new ProgramRequest("Teen mood IOP", ProgramType.ADOLESCENT, "America/Chicago", "ADOLESCENT",
						Map.of("gad7EveryDays", "7"), null, null,
						List.of(ProgramType.MENTAL_HEALTH, ProgramType.ADOLESCENT)),
				true);
		String admin = TestTokens.programAdmin(program);
		String clinician = TestTokens.clinician("clinician-t1", program);
		String otherClinician = TestTokens.clinician("clinician-t2", program);
		this.gauge.refresh();
		// what the program schedules is reported (0 before anyone is overdue), nothing
		// else
		assertThat(gauge("PHQ9")).isNotNull();
		assertThat(gauge("BAM")).as("not scheduled in a mental-health program").isNull();
		double phq9Before = overdue("PHQ9");
		double gad7Before = overdue("GAD7");

		String patient = "patient-" + System.nanoTime();
		HttpResponse<String> enrolled = send("POST", "/api/v1/plans", admin, """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":true,
				 "weeklyHours":9,"sessionsPerWeek":3,"careTeam":["clinician-t1"],"mode":"AUTOMATIC",
				 "startDate":"2026-06-01"}""".formatted(patient, program));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
		Instant gad7At = Instant.parse("2026-06-10T15:00:00Z");
		TestEvents.publish(EventEnvelope.of("/test",
				new AssessmentScored("gad7-" + patient, program, patient, Instrument.GAD7,
						Map.of("1", 1, "2", 1, "3", 1, "4", 1, "5", 1, "6", 1, "7", 1), 7, Map.of(), "mild", List.of(),
						SafetyLevel.NONE, Set.of(), gad7At, gad7At),
				gad7At));

		JsonNode progress = await().atMost(Duration.ofSeconds(30))
			.until(() -> JSON
				.readTree(send("GET", "/api/v1/patients/" + patient + "/progress", clinician, null).body()),
					(p) -> "2026-06-10".equals(p.at("/instruments/1/lastOn").asString(null)));
		assertThat(progress.get("instruments").valueStream().map((i) -> i.get("words").asString()))
			.containsExactly("PHQ-9 overdue 5 days", "GAD-7 overdue 3 days");
		JsonNode phq9 = progress.at("/instruments/0");
		assertThat(phq9.get("instrument").asString()).isEqualTo("PHQ9");
		assertThat(phq9.get("everyDays").asInt()).isEqualTo(14);
		assertThat(phq9.get("dueOn").asString()).isEqualTo("2026-06-15");
		assertThat(phq9.get("status").asString()).isEqualTo("OVERDUE");
		assertThat(phq9.get("overdueDays").asInt()).isEqualTo(5);
		assertThat(progress.at("/instruments/1/everyDays").asInt()).isEqualTo(7);

		JsonNode caseload = JSON.readTree(send("GET", "/api/v1/instruments-due", clinician, null).body());
		assertThat(caseload.valueStream()
			.filter((row) -> row.get("patientId").asString().equals(patient))
			.map((row) -> row.at("/instrument/words").asString()))
			.containsExactly("PHQ-9 overdue 5 days", "GAD-7 overdue 3 days");
		assertThat(JSON.readTree(send("GET", "/api/v1/instruments-due", admin, null).body())
			.valueStream()
			.map((row) -> row.get("patientId").asString())).contains(patient);
		// another clinician of the program, not on the care team, and another program's
		// admin do not see the patient
		assertThat(send("GET", "/api/v1/instruments-due", otherClinician, null).body()).doesNotContain(patient);
		assertThat(send("GET", "/api/v1/instruments-due", TestTokens.programAdmin("program-b"), null).body())
			.doesNotContain(patient);
		assertThat(send("GET", "/api/v1/instruments-due", TestTokens.ingest(program), null).statusCode())
			.isEqualTo(403);

		this.gauge.refresh();
		assertThat(overdue("PHQ9")).isEqualTo(phq9Before + 1);
		assertThat(overdue("GAD7")).isEqualTo(gad7Before + 1);
		assertThat(this.meters.find("stepwise.instruments.overdue").gauges()).allSatisfy((g) -> {
			// the service's common tag, and the two of its own
			assertThat(g.getId().getTags()).extracting((tag) -> tag.getKey())
				.containsExactlyInAnyOrder("application", "instrument", "program_type");
			assertThat(g.getId().getTags()).noneMatch((tag) -> tag.getValue().contains(patient));
		});
	}

	private double overdue(String instrument) {
		Gauge found = gauge(instrument);
		return (found != null) ? found.value() : 0;
	}

	private Gauge gauge(String instrument) {
		return this.meters.find("stepwise.instruments.overdue")
			.tags("program_type", TYPE, "instrument", instrument)
			.gauge();
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.header("Authorization", "Bearer " + token);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
