package org.stepwise.plan.plans;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.R4Validation;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * plan-service's FHIR R4 interface on the real broker and store: plans made through the
 * JSON API read back as CarePlan (with its versions) and EpisodeOfCare, valid R4,
 * searchable by patient with _lastUpdated and paging; the plans of an addiction program
 * (42 CFR Part 2) only for a token with the Part 2 scope; every endpoint x caller as the
 * JSON API's plan reads (401, 403, 404 or an empty Bundle), every read audited.
 * <p>
 * M1 (a mental-health program of its own, not Part 2, care team clinician-m1) has three
 * versions: enrolled at 2.1 (June 1), locked (June 2), changed to 2.5 (June 3). D1 (same
 * program) was discharged to aftercare on June 3. A1 (program-a, addiction: Part 2, care
 * team clinician-a1).
 */
@PlanServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanFhirApiTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String MH = "fhir-mh-" + RUN;

	static final String M1 = "fhir-m1-" + RUN;

	static final String D1 = "fhir-d1-" + RUN;

	static final String A1 = "fhir-a1-" + RUN;

	static final String NONE = "";

	static final String ADMIN_MH = TestTokens.programAdmin(MH);

	static final String CLINICIAN_M1 = TestTokens.clinician("clinician-m1", MH);

	static final String CLINICIAN_M2 = TestTokens.clinician("clinician-m2", MH);

	static final String CLINICIAN_A1 = TestTokens.clinician("clinician-a1", "program-a");

	static final String ADMIN_A = TestTokens.programAdmin("program-a");

	static final String ADMIN_A_PART2 = TestTokens.withClaim("admin-a-part2", List.of("program-admin"),
			List.of("program-a"), null, "scope", "openid " + Part2Consent.SCOPE);

	static final String INGEST = TestTokens.ingest(MH, "program-a");

	static final String PATIENT_M1 = TestTokens.patient(M1, MH);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@BeforeAll
	void data() throws Exception {
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-01T13:00:00Z"));
		ok(send("POST", "/api/v1/programs/" + MH, ADMIN_MH, """
				{"name":"FHIR MH IOP","type":"MENTAL_HEALTH","types":["MENTAL_HEALTH"],"timeZone":"UTC",
				 "population":"ADULT"}"""));
		ok(send("POST", "/api/v1/plans", ADMIN_MH, enrolBody(M1, MH, "clinician-m1")));
		ok(send("POST", "/api/v1/plans", ADMIN_MH, enrolBody(D1, MH, "clinician-m1")));
		ok(send("POST", "/api/v1/plans", ADMIN_A, enrolBody(A1, "program-a", "clinician-a1")));
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-02T10:00:00Z"));
		ok(send("POST", "/api/v1/patients/" + M1 + "/plan/lock", CLINICIAN_M1, "{\"reason\":\"family meeting\"}"));
		PlanServiceTest.CLOCK.set(Instant.parse("2026-06-03T10:00:00Z"));
		ok(send("POST", "/api/v1/patients/" + M1 + "/plan/changes", ADMIN_MH, """
				{"levelOfCare":{"code":"2.5","edition":3},"weeklyHours":20,"sessionsPerWeek":5,
				 "reason":"worsening depression"}"""));
		ok(send("POST", "/api/v1/patients/" + D1 + "/plan/discharge", CLINICIAN_M1,
				"{\"planned\":true,\"reason\":\"moving away\"}"));
	}

	@Test
	void theMetadataListsExactlyTheResourcesAndSearchesSupported() throws Exception {
		HttpResponse<String> response = send("GET", "/fhir/r4/metadata", NONE, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
		JsonNode statement = JSON.readTree(response.body());
		assertThat(statement.get("resourceType").asString()).isEqualTo("CapabilityStatement");
		assertThat(statement.get("fhirVersion").asString()).isEqualTo("4.0.1");
		JsonNode rest = statement.get("rest").get(0);
		assertThat(rest.get("resource")
			.valueStream()
			.map((r) -> r.get("type").asString() + ":" + r.get("interaction").findValuesAsString("code") + ":"
					+ r.get("searchParam").findValuesAsString("name")))
			.containsExactly("CarePlan:[read, vread, search-type]:[patient, _lastUpdated, _count, _offset]",
					"EpisodeOfCare:[read, search-type]:[patient, _lastUpdated, _count, _offset]");
		assertValid(response.body(), "CapabilityStatement");
	}

	@Test
	void theCurrentPlanIsACarePlanWithItsVersions() throws Exception {
		JsonNode plan = read("/fhir/r4/CarePlan/" + M1, CLINICIAN_M1);
		JsonNode first = read("/fhir/r4/CarePlan/" + M1 + "/_history/1", CLINICIAN_M1);
		HttpResponse<String> noSuchVersion = send("GET", "/fhir/r4/CarePlan/" + M1 + "/_history/99", CLINICIAN_M1,
				null);

		assertThat(plan.get("id").asString()).isEqualTo(M1);
		assertThat(plan.at("/meta/versionId").asString()).isEqualTo("3");
		assertThat(plan.at("/meta/lastUpdated").asString()).startsWith("2026-06-03T10:00:00");
		assertThat(plan.at("/meta/security").isMissingNode()).as("a mental-health program's plan").isTrue();
		assertThat(plan.get("status").asString()).isEqualTo("active");
		assertThat(plan.get("intent").asString()).isEqualTo("plan");
		assertThat(plan.at("/subject/reference").asString()).isEqualTo("Patient/" + M1);
		JsonNode intensity = plan.at("/activity/0/detail");
		assertThat(intensity.at("/code/coding/0/code").asString()).isEqualTo("2.5");
		assertThat(intensity.at("/quantity/value").asInt()).isEqualTo(20);
		assertThat(intensity.at("/scheduledTiming/repeat/frequency").asInt()).isEqualTo(5);
		assertThat(plan.at("/note/0/text").asString()).contains("worsening depression").contains("by admin-" + MH);
		assertThat(plan.get("description").asString()).contains("locked against automatic changes");
		assertThat(first.at("/meta/versionId").asString()).isEqualTo("1");
		assertThat(first.at("/activity/0/detail/code/coding/0/code").asString()).isEqualTo("2.1");
		assertThat(noSuchVersion.statusCode()).isEqualTo(404);
		assertThat(noSuchVersion.body()).contains("OperationOutcome").doesNotContain(M1);
	}

	@Test
	void theEpisodeOfCareIsActiveInTreatmentAndFinishedAfterTheDischarge() throws Exception {
		JsonNode active = read("/fhir/r4/EpisodeOfCare/" + M1, ADMIN_MH);
		JsonNode discharged = read("/fhir/r4/EpisodeOfCare/" + D1, CLINICIAN_M1);

		assertThat(active.get("status").asString()).isEqualTo("active");
		assertThat(active.at("/type/0/coding/0/code").asString()).isEqualTo("2.5");
		assertThat(active.at("/meta/versionId").asString()).as("the level changed in version 3").isEqualTo("3");
		assertThat(active.at("/patient/reference").asString()).isEqualTo("Patient/" + M1);
		assertThat(active.at("/managingOrganization/identifier/value").asString()).isEqualTo(MH);
		assertThat(discharged.get("status").asString()).isEqualTo("finished");
		assertThat(discharged.at("/type/1/coding/0/code").asString()).isEqualTo("AFTERCARE");
		assertThat(discharged.at("/period/start").asString()).isEqualTo("2026-06-01");
		assertThat(discharged.at("/period/end").asString()).isEqualTo("2026-06-03");
		assertThat(discharged.get("statusHistory").findValuesAsString("status")).containsExactly("active", "finished");
	}

	@Test
	void searchesByPatientPageAndFilterByLastUpdated() throws Exception {
		JsonNode plans = search("/fhir/r4/CarePlan?patient=Patient/" + M1, CLINICIAN_M1);
		JsonNode episodes = search("/fhir/r4/EpisodeOfCare?patient=" + M1, CLINICIAN_M1);
		JsonNode updatedSince = search("/fhir/r4/CarePlan?patient=" + M1 + "&_lastUpdated=ge2026-06-03", CLINICIAN_M1);
		JsonNode updatedBefore = search("/fhir/r4/CarePlan?patient=" + M1 + "&_lastUpdated=lt2026-06-03", CLINICIAN_M1);
		JsonNode episodeBefore = search(
				"/fhir/r4/EpisodeOfCare?patient=" + M1 + "&_lastUpdated=" + encode("le2026-06-02T23:59:59Z"),
				CLINICIAN_M1);
		JsonNode secondPage = search("/fhir/r4/CarePlan?patient=" + M1 + "&_count=1&_offset=1", CLINICIAN_M1);
		HttpResponse<String> noPatient = send("GET", "/fhir/r4/CarePlan?_count=0", CLINICIAN_M1, null);

		assertThat(plans.get("total").asInt()).isEqualTo(1);
		assertThat(plans.at("/entry/0/fullUrl").asString()).endsWith("/fhir/r4/CarePlan/" + M1);
		assertThat(plans.at("/entry/0/resource/resourceType").asString()).isEqualTo("CarePlan");
		assertThat(episodes.at("/entry/0/resource/resourceType").asString()).isEqualTo("EpisodeOfCare");
		assertThat(updatedSince.get("total").asInt()).isEqualTo(1);
		assertThat(updatedBefore.get("total").asInt()).isZero();
		assertThat(episodeBefore.get("total").asInt()).isZero();
		assertThat(secondPage.get("total").asInt()).isEqualTo(1);
		assertThat(secondPage.path("entry").isMissingNode()).isTrue();
		assertThat(noPatient.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noPatient.body()).get("resourceType").asString()).isEqualTo("OperationOutcome");
		for (JsonNode bundle : List.of(plans, episodes)) {
			assertValid(bundle.toString(), "Bundle");
			assertValid(bundle.at("/entry/0/resource").toString(),
					bundle.at("/entry/0/resource/resourceType").asString());
		}
	}

	@Test
	void anAddictionProgramsPlanIsPart2DataOnlyForTokensThatAllowIt() throws Exception {
		HttpResponse<String> plainRead = send("GET", "/fhir/r4/CarePlan/" + A1, ADMIN_A, null);
		HttpResponse<String> plainEpisode = send("GET", "/fhir/r4/EpisodeOfCare/" + A1, ADMIN_A, null);
		JsonNode plainSearch = search("/fhir/r4/CarePlan?patient=" + A1, ADMIN_A);
		JsonNode plan = read("/fhir/r4/CarePlan/" + A1, ADMIN_A_PART2);
		JsonNode episodes = search("/fhir/r4/EpisodeOfCare?patient=" + A1, ADMIN_A_PART2);

		assertThat(plainRead.statusCode()).isEqualTo(404);
		assertThat(plainEpisode.statusCode()).isEqualTo(404);
		assertThat(plainSearch.get("total").asInt()).isZero();
		assertThat(plan.at("/meta/security").findValuesAsString("code")).containsExactly("42CFRPart2", "R");
		assertThat(episodes.get("total").asInt()).isEqualTo(1);
		assertThat(episodes.at("/entry/0/resource/meta/security").findValuesAsString("code"))
			.containsExactly("42CFRPart2", "R");
		assertValid(plan.toString(), "CarePlan");
		assertValid(episodes.at("/entry/0/resource").toString(), "EpisodeOfCare");
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		for (String read : List.of("/fhir/r4/CarePlan/" + M1, "/fhir/r4/CarePlan/" + M1 + "/_history/1",
				"/fhir/r4/EpisodeOfCare/" + M1)) {
			rows.add(row(read, "no token", NONE, 401));
			rows.add(row(read, "ingest", INGEST, 403));
			rows.add(row(read, "the patient", PATIENT_M1, 403));
			rows.add(row(read, "clinician, own program, own care team", CLINICIAN_M1, 200));
			rows.add(row(read, "clinician, own program, other care team", CLINICIAN_M2, 404));
			rows.add(row(read, "clinician, other program", CLINICIAN_A1, 404));
			rows.add(row(read, "program admin, own program", ADMIN_MH, 200));
			rows.add(row(read, "program admin, other program", ADMIN_A_PART2, 404));
		}
		rows.add(row("/fhir/r4/CarePlan/nobody-" + RUN, "program admin, no such patient", ADMIN_MH, 404));
		rows.add(row("/fhir/r4/EpisodeOfCare/nobody-" + RUN, "program admin, no such patient", ADMIN_MH, 404));
		// searches: what the caller may not see is an empty Bundle (-1 here), as for a
		// patient without a plan
		for (String search : List.of("/fhir/r4/CarePlan?patient=" + M1, "/fhir/r4/EpisodeOfCare?patient=" + M1)) {
			rows.add(row(search, "no token", NONE, 401));
			rows.add(row(search, "ingest", INGEST, 403));
			rows.add(row(search, "the patient", PATIENT_M1, 403));
			rows.add(row(search, "clinician, own program, own care team", CLINICIAN_M1, 200));
			rows.add(row(search, "clinician, own program, other care team", CLINICIAN_M2, -1));
			rows.add(row(search, "clinician, other program", CLINICIAN_A1, -1));
			rows.add(row(search, "program admin, own program", ADMIN_MH, 200));
			rows.add(row(search, "program admin, other program", ADMIN_A_PART2, -1));
			rows.add(row(search.replace(M1, "nobody-" + RUN), "program admin, no such patient", ADMIN_MH, -1));
		}
		rows.add(row("/fhir/r4/metadata", "no token", NONE, 200));
		rows.add(row("/fhir/r4/CarePlan/" + M1, "expired token", TestTokens.expired("clinician-m1", MH), 401));
		rows.add(row("/fhir/r4/Patient/" + M1, "program admin, a resource not served", ADMIN_MH, 403));
		return rows.stream();
	}

	@ParameterizedTest(name = "GET {0} as {1}: {3}")
	@MethodSource("matrix")
	void eachEndpointAnswersEachCallerAsTheJsonApi(String path, String who, String token, int expected)
			throws Exception {
		HttpResponse<String> response = send("GET", path, token, null);

		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (expected == -1) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode bundle = JSON.readTree(response.body());
			assertThat(bundle.get("total").asInt()).isZero();
			assertThat(response.body()).doesNotContain("\"resource\"");
			return;
		}
		assertThat(response.statusCode()).as("GET %s as %s: %s", path, who, response.body()).isEqualTo(expected);
		if (expected == 401 || expected == 403) {
			assertThat(contentType).isEqualTo("application/problem+json");
		}
		else {
			assertThat(contentType).startsWith("application/fhir+json");
		}
		if (expected == 404) {
			assertThat(JSON.readTree(response.body()).get("resourceType").asString()).isEqualTo("OperationOutcome");
		}
		if (expected >= 400) {
			assertThat(response.body()).doesNotContain(M1, A1);
		}
	}

	@Test
	void everyReadIsAuditedAllowedOrRefused() throws Exception {
		try (TopicProbe probe = TopicProbe.from(Topics.AUDIT)) {
			assertThat(send("GET", "/fhir/r4/CarePlan/" + D1, CLINICIAN_M1, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/fhir/r4/EpisodeOfCare?patient=" + D1, ADMIN_MH, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/fhir/r4/CarePlan?patient=" + D1, CLINICIAN_M2, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/fhir/r4/EpisodeOfCare/" + D1, CLINICIAN_A1, null).statusCode()).isEqualTo(404);
			assertThat(send("GET", "/fhir/r4/CarePlan/" + A1, ADMIN_A, null).statusCode()).isEqualTo(404);
			assertThat(send("GET", "/fhir/r4/CarePlan/" + A1 + "/_history/1", ADMIN_A_PART2, null).statusCode())
				.isEqualTo(200);

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, D1))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("clinician-m1", "plan.read", AuditOutcome.ALLOWED),
							tuple("admin-" + MH, "plan.history.read", AuditOutcome.ALLOWED),
							tuple("clinician-m2", "plan.read", AuditOutcome.DENIED),
							tuple("clinician-a1", "plan.history.read", AuditOutcome.DENIED)));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(audited(probe, A1))
					.extracting(AuditRecorded::actor, AuditRecorded::action, AuditRecorded::outcome)
					.contains(tuple("admin-program-a", "plan.read", AuditOutcome.DENIED),
							tuple("admin-a-part2", "plan.history.read", AuditOutcome.ALLOWED)));
			assertThat(audited(probe, D1)).allSatisfy((event) -> assertThat(event.programId()).isEqualTo(MH));
		}
	}

	private static List<AuditRecorded> audited(TopicProbe probe, String patient) {
		return probe.quietFor(patient, Duration.ofMillis(200))
			.stream()
			.map(EventEnvelope::data)
			.filter(AuditRecorded.class::isInstance)
			.map(AuditRecorded.class::cast)
			.toList();
	}

	private JsonNode read(String path, String token) throws Exception {
		HttpResponse<String> response = send("GET", path, token, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
		JsonNode resource = JSON.readTree(response.body());
		assertValid(response.body(), resource.get("resourceType").asString());
		return resource;
	}

	private JsonNode search(String path, String token) throws Exception {
		JsonNode bundle = read(path, token);
		assertThat(bundle.get("type").asString()).isEqualTo("searchset");
		return bundle;
	}

	private static void assertValid(String json, String type) {
		Resource resource = (Resource) FhirJson.parse(json, type);
		assertThat(R4Validation.errors(resource)).as(json).isEmpty();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
	}

	private static String enrolBody(String patient, String program, String clinician) {
		return """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
				 "weeklyHours":9,"sessionsPerWeek":3,"modalities":["group","individual"],"careTeam":["%s"],
				 "mode":"AUTOMATIC","startDate":"2026-06-01"}""".formatted(patient, program, clinician);
	}

	private static Arguments row(String path, String who, String token, int expected) {
		return Arguments.of(path, who, token, expected);
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
