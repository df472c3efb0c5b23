package org.stepwise.plan.plans;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.progress.ClinicalClock;
import org.stepwise.plan.progress.PlanMetrics;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programs and plan API: validation as problem details, clinician actions appending
 * versions (lock, bounds, change, revert) with who and why, programs published on the
 * compacted topic, the seeded demo programs, and the domain metrics.
 */
@PlanServiceTest
class PlanApiTest {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PlanMetrics metrics;

	@Autowired
	ClinicalClock clinicalClock;

	/** The caller of this test's requests: a clinician of both demo programs. */
	String token = TestTokens.clinician("clinician-test", "program-a", "program-b");

	@Test
	void demoProgramsAreSeeded() {
		JsonNode a = call(HttpMethod.GET, "/api/v1/programs/program-a", null).getBody();
		assertThat(a.get("timeZone").asString()).isEqualTo("America/Chicago");
		assertThat(a.get("type").asString()).isEqualTo("ADDICTION");
		assertThat(a.get("onCallClinicianId").asString()).isEqualTo("clinician-a-oncall");
		JsonNode b = call(HttpMethod.GET, "/api/v1/programs/program-b", null).getBody();
		assertThat(b.get("timeZone").asString()).isEqualTo("America/New_York");
		assertThat(b.get("type").asString()).isEqualTo("DUAL_DIAGNOSIS");
		// the demo programs declare no types: monitored as addiction and mental health
		assertThat(a.path("types").isMissingNode() || a.path("types").isNull()).isTrue();
	}

	@Test
	void programsAreValidatedAndPublishedWithGrowingVersions() {
		String program = "program-" + System.nanoTime();
		this.token = TestTokens.programAdmin(program, "unknown-" + program);
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRAMS)) {
			Map<String, Object> body = new HashMap<>(Map.of("name", "Test IOP", "type", "MENTAL_HEALTH", "timeZone",
					"Europe/Berlin", "population", "ADULT", "onCallClinicianId", "clinician-x"));
			assertThat(call(HttpMethod.POST, "/api/v1/programs/" + program, body).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
			assertThat(call(HttpMethod.POST, "/api/v1/programs/" + program, body).getStatusCode())
				.isEqualTo(HttpStatus.CONFLICT);
			body.put("thresholdOverrides", Map.of("silenceDays", "5"));
			ResponseEntity<JsonNode> updated = call(HttpMethod.PUT, "/api/v1/programs/" + program, body);
			assertThat(updated.getBody().get("revision").asLong()).isEqualTo(2);

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(program, 2, Duration.ofSeconds(20));
			ProgramUpdated latest = (ProgramUpdated) events.getLast().data();
			assertThat(latest.version()).isEqualTo(2);
			assertThat(latest.thresholdOverrides()).containsEntry("silenceDays", "5");
			assertThat(latest.timeZone()).isEqualTo("Europe/Berlin");

			body.put("timeZone", "Mars/Olympus");
			ResponseEntity<JsonNode> badZone = call(HttpMethod.PUT, "/api/v1/programs/" + program, body);
			assertThat(badZone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(badZone.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			body.put("timeZone", "Europe/Berlin");
			body.put("thresholdOverrides", Map.of("noSuchThreshold", "1"));
			assertThat(call(HttpMethod.PUT, "/api/v1/programs/" + program, body).getStatusCode())
				.isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(call(HttpMethod.PUT, "/api/v1/programs/unknown-" + program, body).getStatusCode())
				.isEqualTo(HttpStatus.BAD_REQUEST);
		}
	}

	/**
	 * Program types (issue 22): accepted once each, stored, published on the compacted
	 * topic and read back; a program without them publishes none (monitored as before);
	 * an unknown type is a problem.
	 */
	@Test
	void programTypesAreAcceptedAndPublished() {
		String program = "program-" + System.nanoTime();
		String untyped = "untyped-" + program;
		this.token = TestTokens.programAdmin(program, untyped);
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRAMS)) {
			Map<String, Object> body = new HashMap<>(
					Map.of("name", "Teen IOP", "type", "ADOLESCENT", "timeZone", "America/Chicago", "population",
							"ADOLESCENT", "types", List.of("ADOLESCENT", "ADDICTION", "ADOLESCENT")));
			ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/programs/" + program, body);
			assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(created.getBody().get("types").toString()).isEqualTo("[\"ADDICTION\",\"ADOLESCENT\"]");
			assertThat(call(HttpMethod.GET, "/api/v1/programs/" + program, null).getBody().get("types").toString())
				.isEqualTo("[\"ADDICTION\",\"ADOLESCENT\"]");
			ProgramUpdated published = (ProgramUpdated) probe.awaitEvents(program, 1, Duration.ofSeconds(20))
				.getLast()
				.data();
			assertThat(published.types()).containsExactly(ProgramType.ADDICTION, ProgramType.ADOLESCENT);
			assertThat(published.type()).isEqualTo(ProgramType.ADOLESCENT);

			body.remove("types");
			assertThat(call(HttpMethod.POST, "/api/v1/programs/" + untyped, body).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
			assertThat(
					((ProgramUpdated) probe.awaitEvents(untyped, 1, Duration.ofSeconds(20)).getLast().data()).types())
				.isNull();

			body.put("types", List.of("PEDIATRIC"));
			ResponseEntity<JsonNode> unknown = call(HttpMethod.PUT, "/api/v1/programs/" + program, body);
			assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
		}
	}

	@Test
	void clinicianActionsAppendVersionsWithWhoAndWhy() {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		String patient = "api-" + System.nanoTime();
		// clinician-b of program-b, also its program admin (enrolment and changes are an
		// admin's); the body's "by" is ignored, who acted comes from the token
		this.token = TestTokens.token("clinician-b", List.of("clinician", "program-admin"), List.of("program-b"),
				"clinician-b", null);
		Map<String, Object> enrol = new HashMap<>(Map.ofEntries(Map.entry("patientId", patient),
				Map.entry("programId", "program-b"), Map.entry("levelOfCare", Map.of("code", "2.1", "edition", 3)),
				Map.entry("adolescent", false), Map.entry("weeklyHours", 9), Map.entry("sessionsPerWeek", 3),
				Map.entry("careTeam", List.of("clinician-b")), Map.entry("mode", "RECOMMEND_ONLY"),
				Map.entry("startDate", "2026-06-01"), Map.entry("by", "clinician-b")));
		assertThat(call(HttpMethod.GET, "/api/v1/patients/" + patient + "/plan", null).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		Map<String, Object> incomplete = new HashMap<>(enrol);
		incomplete.remove("careTeam");
		ResponseEntity<JsonNode> invalid = call(HttpMethod.POST, "/api/v1/plans", incomplete);
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(invalid.getBody().toString()).doesNotContain(patient);
		Map<String, Object> badLevel = new HashMap<>(enrol);
		badLevel.put("levelOfCare", Map.of("code", "9.9", "edition", 3));
		assertThat(call(HttpMethod.POST, "/api/v1/plans", badLevel).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

		assertThat(call(HttpMethod.POST, "/api/v1/plans", enrol).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(call(HttpMethod.POST, "/api/v1/plans", enrol).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

		String plan = "/api/v1/patients/" + patient + "/plan";
		assertThat(
				call(HttpMethod.POST, plan + "/lock", Map.of("by", "clinician-b", "reason", "family meeting")).getBody()
					.at("/plan/locked")
					.asBoolean())
			.isTrue();
		assertThat(call(HttpMethod.PUT, plan + "/bounds", Map.of("minHours", 12, "maxHours", 9, "by", "clinician-b"))
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(call(HttpMethod.PUT, plan + "/bounds", Map.of("minHours", 9, "maxHours", 12, "by", "clinician-b"))
			.getBody()
			.at("/plan/bounds/maxHours")
			.asInt()).isEqualTo(12);
		call(HttpMethod.POST, plan + "/unlock", Map.of("by", "clinician-b"));
		JsonNode changed = call(HttpMethod.POST, plan + "/changes",
				Map.of("levelOfCare", Map.of("code", "2.1", "edition", 3), "weeklyHours", 12, "sessionsPerWeek", 4,
						"by", "clinician-b", "reason", "more structure after discharge from detox"))
			.getBody();
		assertThat(changed.at("/plan/version").asInt()).isEqualTo(5);
		assertThat(changed.at("/plan/direction").asString()).isEqualTo("STEP_UP");
		assertThat(changed.at("/plan/changedBy").asString()).isEqualTo("clinician-b");
		assertThat(changed.at("/plan/reasons/0/evidence").asString())
			.isEqualTo("more structure after discharge from detox");

		JsonNode reverted = call(HttpMethod.POST, plan + "/revert", Map.of("toVersion", 1, "by", "clinician-b"))
			.getBody();
		assertThat(reverted.at("/plan/version").asInt()).isEqualTo(6);
		assertThat(reverted.at("/plan/direction").asString()).isEqualTo("REVERTED");
		assertThat(reverted.at("/plan/weeklyHours").asInt()).isEqualTo(9);
		assertThat(reverted.at("/plan/locked").asBoolean()).isFalse();
		assertThat(
				call(HttpMethod.POST, plan + "/revert", Map.of("toVersion", 99, "by", "clinician-b")).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);

		JsonNode history = call(HttpMethod.GET, plan + "/history", null).getBody();
		assertThat(history.size()).isEqualTo(6);
		assertThat(history.get(0).get("direction").asString()).isEqualTo("ENROLLED");
		assertThat(history.get(1).get("reasons").get(0).get("evidence").asString()).isEqualTo("family meeting");
		assertThat(history.get(3).get("locked").asBoolean()).isFalse();
		history.forEach((version) -> assertThat(version.get("ruleSetVersion").asString()).isNotBlank());

		assertThat(call(HttpMethod.POST, "/api/v1/recommendations/nope/approve", Map.of("by", "clinician-b"))
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		JsonNode progress = call(HttpMethod.GET, "/api/v1/patients/" + patient + "/progress", null).getBody();
		assertThat(progress.get("riskLevel").asString()).isEqualTo("LOW");
		assertThat(progress.get("readiness").get("weeksInLevel").asBoolean()).isFalse();

		// metrics: counted by direction and by whom, never by patient
		assertThat(this.meters.get("stepwise.plan.changes")
			.tags("direction", "STEP_UP", "changed_by", "clinician")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("stepwise.plan.changes")
			.tags("direction", "REVERTED", "changed_by", "clinician")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		this.clinicalClock.evaluateDue();
		assertThat(this.meters.get("stepwise.progress.evaluation").tags("trigger", "schedule").timer().count())
			.isPositive();
		this.metrics.refreshPatients();
		assertThat(this.meters.get("stepwise.patients").tags("level_of_care", "2.1").gauges()).isNotEmpty();
		this.meters.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("stepwise."))
			.forEach((meter) -> assertThat(meter.getId().getTags().toString()).doesNotContain(patient));
	}

	@Test
	void aStartDateOutsideThePlausibleWindowIsRefused() {
		String patient = "api-" + System.nanoTime();
		this.token = TestTokens.programAdmin("program-b");
		for (String startDate : List.of("0001-01-01", "1999-12-31", LocalDate.now().plusYears(2).toString())) {
			ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/v1/plans",
					Map.of("patientId", patient, "programId", "program-b", "levelOfCare",
							Map.of("code", "2.1", "edition", 3), "adolescent", false, "weeklyHours", 9,
							"sessionsPerWeek", 3, "careTeam", List.of("clinician-b"), "mode", "RECOMMEND_ONLY",
							"startDate", startDate));
			assertThat(refused.getStatusCode()).as(startDate).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getBody().toString()).contains("startDate").doesNotContain(patient);
		}
	}

	@Test
	void tenConcurrentChangesWithOneIdempotencyKeyMakeOneVersionAndARetryNone() throws Exception {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		String patient = "api-" + System.nanoTime();
		this.token = TestTokens.token("clinician-b", List.of("clinician", "program-admin"), List.of("program-b"),
				"clinician-b", null);
		assertThat(call(HttpMethod.POST, "/api/v1/plans",
				Map.of("patientId", patient, "programId", "program-b", "levelOfCare",
						Map.of("code", "2.1", "edition", 3), "adolescent", false, "weeklyHours", 9, "sessionsPerWeek",
						3, "careTeam", List.of("clinician-b"), "mode", "RECOMMEND_ONLY", "startDate", "2026-06-01"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String changes = "/api/v1/patients/" + patient + "/plan/changes";
		Map<String, Object> stepUp = Map.of("levelOfCare", Map.of("code", "2.1", "edition", 3), "weeklyHours", 12,
				"sessionsPerWeek", 4, "reason", "more structure");

		List<ResponseEntity<JsonNode>> answers;
		try (ExecutorService clients = Executors.newFixedThreadPool(10)) {
			List<Future<ResponseEntity<JsonNode>>> sent = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				sent.add(clients.submit(() -> call(HttpMethod.POST, changes, stepUp, "change-1")));
			}
			answers = new ArrayList<>();
			for (Future<ResponseEntity<JsonNode>> answer : sent) {
				answers.add(answer.get());
			}
		}
		ResponseEntity<JsonNode> retry = call(HttpMethod.POST, changes, stepUp, "change-1");
		ResponseEntity<JsonNode> reused = call(HttpMethod.POST, changes,
				Map.of("levelOfCare", Map.of("code", "2.1", "edition", 3), "weeklyHours", 15, "sessionsPerWeek", 5,
						"reason", "more structure"),
				"change-1");

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(answer.getBody().at("/plan/version").asInt()).isEqualTo(2);
		});
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(retry.getBody().at("/plan/version").asInt()).isEqualTo(2);
		assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode history = call(HttpMethod.GET, "/api/v1/patients/" + patient + "/plan/history", null).getBody();
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.get(1).get("direction").asString()).isEqualTo("STEP_UP");
	}

	/** The one place HTTP requests are built, with {@link #token} as the bearer token. */
	private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
		return call(method, path, body, null);
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, String idempotencyKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(this.token);
		if (idempotencyKey != null) {
			headers.set("Idempotency-Key", idempotencyKey);
		}
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
