package org.stepwise.assessment.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.assessment.AssessmentRepository;
import org.stepwise.assessment.checkin.CheckInRepository;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.R4Validation;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.testsupport.CapturedLogs;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR R4 interface on the real broker and store: a QuestionnaireResponse goes
 * through the JSON API's scoring, idempotency, store and events, and what cannot be taken
 * is an OperationOutcome naming the element, with nothing stored or published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class FhirApiTest {

	static final Instant TAKEN = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

	@Autowired
	TestRestTemplate http;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	AssessmentRepository assessments;

	@Autowired
	CheckInRepository checkIns;

	@BeforeEach
	void authorize() {
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(), TestTokens.ingest("program-a"));
	}

	/**
	 * The same PHQ-9 (item 9 = 2) for two patients, once as FHIR, once as JSON: the same
	 * score, band, safety flag, stored record and event; a retry of the FHIR one with its
	 * key publishes nothing more.
	 */
	@Test
	void aPhq9ThroughFhirIsScoredStoredAndPublishedExactlyAsThroughTheJsonApi() {
		String viaFhir = "patient-fhir-" + System.nanoTime();
		String viaJson = "patient-json-" + System.nanoTime();
		int[] answers = { 2, 2, 2, 2, 2, 2, 1, 1, 2 };
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			ResponseEntity<String> fhir = postFhir("/fhir/r4/QuestionnaireResponse", phq9(viaFhir, answers),
					"fhir-" + viaFhir);
			ResponseEntity<String> retry = postFhir("/fhir/r4/QuestionnaireResponse", phq9(viaFhir, answers),
					"fhir-" + viaFhir);
			ResponseEntity<JsonNode> json = postJson("/api/v1/assessments", phq9Json(viaJson, answers));

			assertThat(fhir.getStatusCode()).as(fhir.getBody()).isEqualTo(HttpStatus.CREATED);
			assertThat(fhir.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
			JsonNode created = JSON.readTree(fhir.getBody());
			assertThat(created.get("resourceType").asString()).isEqualTo("QuestionnaireResponse");
			assertThat(fhir.getHeaders().getLocation().getPath())
				.isEqualTo("/fhir/r4/QuestionnaireResponse/" + created.get("id").asString());
			assertThat(JSON.readTree(retry.getBody()).get("id")).isEqualTo(created.get("id"));
			assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
			assertThat(json.getStatusCode()).isEqualTo(HttpStatus.CREATED);

			AssessmentRecord stored = this.assessments.findById(created.get("id").asString()).orElseThrow();
			AssessmentRecord reference = this.assessments.findByPatientIdOrderByOccurredAtAsc(viaJson).get(0);
			assertThat(stored.total()).isEqualTo(16).isEqualTo(reference.total());
			assertThat(stored.band()).isEqualTo("moderately severe").isEqualTo(reference.band());
			assertThat(stored.safety()).isEqualTo(SafetyLevel.CRITICAL).isEqualTo(reference.safety());
			assertThat(stored.items()).isEqualTo(reference.items());
			assertThat(stored.labels()).isEqualTo(reference.labels());
			assertThat(stored.occurredAt()).isEqualTo(TAKEN).isEqualTo(reference.occurredAt());

			AssessmentScored fromFhir = (AssessmentScored) probe.awaitEvents(viaFhir, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			AssessmentScored fromJson = (AssessmentScored) probe.awaitEvents(viaJson, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(fromFhir).usingRecursiveComparison()
				.ignoringFields("assessmentId", "patientId", "recordedAt")
				.isEqualTo(fromJson);
			assertThat(fromFhir.safety()).isEqualTo(SafetyLevel.CRITICAL);
			assertThat(probe.quietFor(viaFhir, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(viaFhir)).hasSize(1);

			String location = fhir.getHeaders().getLocation().getPath();
			ResponseEntity<String> readBack = get(location, TestTokens.programAdmin("program-a"));
			assertThat(readBack.getStatusCode()).isEqualTo(HttpStatus.OK);
			QuestionnaireResponse response = (QuestionnaireResponse) FhirJson.parse(readBack.getBody(),
					"QuestionnaireResponse");
			assertThat(response.getItem().get(8).getLinkId()).isEqualTo("44260-8");
			assertThat(response.getItem().get(8).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(2);
			assertThat(get(location, TestTokens.programAdmin("program-b")).getStatusCode())
				.isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	private ResponseEntity<String> get(String path, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		return this.http.exchange(path, org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers),
				String.class);
	}

	@Test
	void anIncompleteInstrumentIsAnOperationOutcomeNamingTheItemAndNothingIsStoredOrPublished() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			ResponseEntity<String> response = postFhir("/fhir/r4/QuestionnaireResponse",
					phq9(patient, 1, 1, 1, 1, 1, 1, 1, 1), null);

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(response.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
			JsonNode outcome = JSON.readTree(response.getBody());
			assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
			assertThat(outcome.get("issue").get(0).get("expression").get(0).asString())
				.isEqualTo("QuestionnaireResponse.repeat(item).where(linkId='44260-8' or linkId='9')");
			assertThat(outcome.get("issue").get(0).get("diagnostics").asString()).isEqualTo("item 9: missing");
			assertThat(response.getBody()).doesNotContain(patient);
			assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void unreadableOrUnmappableResourcesAreRefusedNamingTheElement() {
		String patient = "patient-" + System.nanoTime();
		CapturedLogs logs = CapturedLogs.open();
		ResponseEntity<String> unknownElement = postFhir("/fhir/r4/QuestionnaireResponse",
				phq9(patient, 0, 0, 0, 0, 0, 0, 0, 0, 0).replace("\"status\"",
						"\"mood\":\"" + patient + "\",\"status\""),
				null);
		ResponseEntity<String> notJson = postFhir("/fhir/r4/QuestionnaireResponse", "{" + patient, null);
		ResponseEntity<String> otherResource = postFhir("/fhir/r4/QuestionnaireResponse",
				"{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\"}", null);
		ResponseEntity<String> futureAuthored = postFhir("/fhir/r4/QuestionnaireResponse",
				phq9(patient, 0, 0, 0, 0, 0, 0, 0, 0, 0).replace(TAKEN.toString(),
						Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()),
				null);

		assertThat(unknownElement.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(expressions(unknownElement)).containsExactly("QuestionnaireResponse.mood");
		assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(expressions(notJson)).containsExactly("QuestionnaireResponse");
		assertThat(otherResource.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(futureAuthored.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(expressions(futureAuthored)).containsExactly("QuestionnaireResponse.authored");
		for (ResponseEntity<String> response : List.of(unknownElement, notJson, otherResource, futureAuthored)) {
			assertThat(response.getBody()).contains("OperationOutcome").doesNotContain(patient);
		}
		assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();
		logs.close();
		assertThat(logs.linesContaining(List.of(patient))).as("no log line names the patient").isEmpty();
	}

	/**
	 * A patient's own check-in through FHIR: the JSON API's check-in and event, Part 2
	 * when it reports use; its field rules (use names the substances) name the item.
	 */
	@Test
	void aPatientsCheckInThroughFhirIsTheJsonApisCheckIn() {
		String patient = "patient-" + System.nanoTime();
		String token = TestTokens.patient(patient, "program-a");
		try (TopicProbe probe = TopicProbe.from(Topics.CHECKINS)) {
			ResponseEntity<String> created = postFhir("/fhir/r4/QuestionnaireResponse",
					checkIn(patient, TAKEN, true, "alcohol"), "check-in-1", token);
			ResponseEntity<String> noSubstances = postFhir("/fhir/r4/QuestionnaireResponse",
					checkIn(patient, TAKEN, true, null), null, token);
			ResponseEntity<String> anotherPatient = postFhir("/fhir/r4/QuestionnaireResponse",
					checkIn(patient + "-other", TAKEN, false, null), null, token);

			assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
			assertThat(noSubstances.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(expressions(noSubstances))
				.containsExactly("QuestionnaireResponse.repeat(item).where(linkId='substances')");
			assertThat(anotherPatient.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(anotherPatient.getBody()).contains("OperationOutcome").doesNotContain(patient);

			CheckInSubmitted event = (CheckInSubmitted) probe.awaitEvents(patient, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(event.mood()).isEqualTo(4);
			assertThat(event.substances()).containsExactly("alcohol");
			assertThat(event.labels()).containsExactly(SensitivityLabel.PART2);
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.checkIns.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(1);
		}
	}

	/**
	 * What was posted comes back as survey Observations that validate against R4: Part 2
	 * data (the DAST-10) only for a token with the Part 2 scope, and then labelled;
	 * searchable by LOINC code and _lastUpdated, a page at a time.
	 */
	@Test
	void observationsReadBackValidateCarryTheLoincCodesAndLeavePart2OutUnlessTheTokenAllowsIt() {
		String patient = "patient-" + System.nanoTime();
		assertThat(postFhir("/fhir/r4/QuestionnaireResponse", phq9(patient, 2, 2, 2, 2, 2, 2, 1, 1, 2), null)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<String> dastCreated = postFhir("/fhir/r4/QuestionnaireResponse",
				dast10(patient, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0), null);
		assertThat(dastCreated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String admin = TestTokens.programAdmin("program-a");
		String adminWithPart2 = TestTokens.withClaim("admin-part2", List.of("program-admin"), List.of("program-a"),
				null, "scope", "openid " + Part2Consent.SCOPE);

		JsonNode withoutPart2 = search("/fhir/r4/Observation?patient=Patient/" + patient, admin);
		JsonNode withPart2 = search("/fhir/r4/Observation?patient=" + patient, adminWithPart2);
		JsonNode byCode = search("/fhir/r4/Observation?patient=" + patient + "&code=http://loinc.org|82667-7",
				adminWithPart2);
		JsonNode firstPage = search("/fhir/r4/Observation?patient=" + patient + "&_count=1", adminWithPart2);
		JsonNode nextPage = search(firstPage.get("link").get(1).get("url").asString(), adminWithPart2);
		JsonNode updatedLater = search("/fhir/r4/Observation?patient=" + patient + "&_lastUpdated=gt"
				+ Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), adminWithPart2);
		JsonNode otherProgram = search("/fhir/r4/Observation?patient=" + patient, TestTokens.withClaim("admin-b",
				List.of("program-admin"), List.of("program-b"), null, "scope", Part2Consent.SCOPE));

		assertThat(withoutPart2.get("total").asInt()).isEqualTo(1);
		assertThat(codes(withoutPart2)).containsExactly("44261-6");
		assertThat(withPart2.get("total").asInt()).isEqualTo(2);
		assertThat(codes(withPart2)).containsExactly("44261-6", "82667-7");
		JsonNode dast = withPart2.get("entry").get(1).get("resource");
		assertThat(dast.get("meta").get("security").findValuesAsString("code")).containsExactly("42CFRPart2", "R");
		// items 1, 2, 4, 5 yes, and item 3 ("able to stop") no, which scores: 5, moderate
		assertThat(dast.get("valueInteger").asInt()).isEqualTo(5);
		assertThat(dast.get("interpretation").get(0).get("text").asString()).isEqualTo("moderate");
		JsonNode phq9 = withPart2.get("entry").get(0).get("resource");
		assertThat(phq9.get("valueInteger").asInt()).isEqualTo(16);
		assertThat(phq9.get("category").get(0).get("coding").get(0).get("code").asString()).isEqualTo("survey");
		assertThat(phq9.get("component").get(8).get("code").get("coding").get(0).get("code").asString())
			.isEqualTo("44260-8");
		for (JsonNode entry : withPart2.get("entry")) {
			Observation observation = (Observation) FhirJson.parse(entry.get("resource").toString(), "Observation");
			assertThat(R4Validation.errors(observation)).isEmpty();
		}
		assertThat(codes(byCode)).containsExactly("82667-7");
		assertThat(firstPage.get("total").asInt()).isEqualTo(2);
		assertThat(codes(firstPage)).containsExactly("44261-6");
		assertThat(firstPage.get("link").get(1).get("relation").asString()).isEqualTo("next");
		assertThat(codes(nextPage)).containsExactly("82667-7");
		assertThat(nextPage.get("link")).hasSize(1);
		assertThat(updatedLater.get("total").asInt()).isZero();
		assertThat(otherProgram.get("total").asInt()).isZero();
		// the DAST-10's response itself: Part 2 as well
		String dastResponse = dastCreated.getHeaders().getLocation().getPath();
		assertThat(get(dastResponse, admin).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get(dastResponse, adminWithPart2).getBody()).contains("42CFRPart2");
	}

	@Test
	void aSearchWithoutAPatientOrWithABadCountIsRefusedNamingTheParameter() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(TestTokens.programAdmin("program-a"));
		ResponseEntity<String> response = this.http.exchange("/fhir/r4/Observation?_count=500",
				org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(JSON.readTree(response.getBody()).get("issue").findValuesAsString("diagnostics")).containsExactly(
				"the search parameter patient is required",
				"the search parameter _count must be a whole number from 1 to 100");
	}

	private JsonNode search(String pathOrUrl, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		ResponseEntity<String> response = this.http.exchange(
				pathOrUrl.startsWith("http") ? java.net.URI.create(pathOrUrl).getRawPath() + "?"
						+ java.net.URI.create(pathOrUrl).getRawQuery() : pathOrUrl,
				org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers), String.class);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		JsonNode bundle = JSON.readTree(response.getBody());
		assertThat(bundle.get("type").asString()).isEqualTo("searchset");
		return bundle;
	}

	private static List<String> codes(JsonNode bundle) {
		return (bundle.get("entry") == null) ? List.of()
				: bundle.get("entry")
					.valueStream()
					.map((entry) -> entry.get("resource").get("code").get("coding").get(0).get("code").asString())
					.toList();
	}

	/**
	 * A week of check-ins in one transaction: all stored and published, once even when
	 * retried; with one bad day, none (every bad entry named); with another program's
	 * patient in it, none either.
	 */
	@Test
	void aTransactionOfAWeekOfCheckInsIsStoredAllOrNothing() {
		String patient = "patient-" + System.nanoTime();
		Instant monday = TAKEN.minus(7, ChronoUnit.DAYS);
		List<String> week = IntStream.range(0, 7)
			.mapToObj((day) -> checkIn(patient, monday.plus(day, ChronoUnit.DAYS), false, null))
			.toList();
		List<String> badWeek = new java.util.ArrayList<>(week);
		badWeek.set(4, week.get(4).replace("{\"valueInteger\":4}", "{\"valueInteger\":11}"));
		badWeek.set(5,
				checkIn(patient, Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), false, null));
		List<String> otherProgram = new java.util.ArrayList<>(week);
		otherProgram.set(3,
				week.get(3)
					.replace("\"status\"", "\"extension\":[{\"url\":\"%s\",\"valueString\":\"program-b\"}],\"status\""
						.formatted(FhirQuestionnaires.PROGRAM_EXTENSION)));
		try (TopicProbe probe = TopicProbe.from(Topics.CHECKINS)) {
			ResponseEntity<String> bad = postFhir("/fhir/r4", transaction(badWeek), "week-" + patient);
			ResponseEntity<String> notVisible = postFhir("/fhir/r4", transaction(otherProgram), null);
			assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(expressions(bad)).containsExactly("Bundle.entry[4].resource.item[0].answer[0]",
					"Bundle.entry[5].resource.authored");
			assertThat(notVisible.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(notVisible.getBody()).contains("OperationOutcome").doesNotContain(patient);
			assertThat(this.checkIns.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();

			ResponseEntity<String> stored = postFhir("/fhir/r4", transaction(week), "week-" + patient);
			ResponseEntity<String> retried = postFhir("/fhir/r4", transaction(week), "week-" + patient);

			assertThat(stored.getStatusCode()).as(stored.getBody()).isEqualTo(HttpStatus.OK);
			JsonNode response = JSON.readTree(stored.getBody());
			assertThat(response.get("type").asString()).isEqualTo("transaction-response");
			assertThat(response.get("entry").findValuesAsString("status")).hasSize(7).containsOnly("201 Created");
			assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
			assertThat(JSON.readTree(retried.getBody()).get("entry").findValuesAsString("location"))
				.isEqualTo(response.get("entry").findValuesAsString("location"));
			assertThat(this.checkIns.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(7);
			assertThat(probe.awaitEvents(patient, 7, Duration.ofSeconds(20))).hasSize(7);
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(7);
		}
		JsonNode observations = search("/fhir/r4/Observation?patient=" + patient + "&code=CHECK_IN",
				TestTokens.programAdmin("program-a"));
		assertThat(observations.get("total").asInt()).isEqualTo(7);
		Observation first = (Observation) FhirJson.parse(observations.get("entry").get(0).get("resource").toString(),
				"Observation");
		assertThat(R4Validation.errors(first)).isEmpty();
		assertThat(first.getComponentFirstRep().getValueIntegerType().getValue()).isEqualTo(4);
	}

	static String transaction(List<String> responses) {
		return """
				{"resourceType":"Bundle","type":"transaction","entry":[%s]}""".formatted(String.join(",",
				responses.stream()
					.map((response) -> "{\"resource\":" + response
							+ ",\"request\":{\"method\":\"POST\",\"url\":\"QuestionnaireResponse\"}}")
					.toList()));
	}

	@Test
	void theCapabilityStatementListsWhatIsSupportedWithoutAToken() throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/fhir/r4/metadata"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode statement = JSON.readTree(response.body());
		assertThat(statement.get("resourceType").asString()).isEqualTo("CapabilityStatement");
		assertThat(statement.get("fhirVersion").asString()).isEqualTo("4.0.1");
		assertThat(statement.get("rest").get(0).get("resource").valueStream().map((r) -> r.get("type").asString()))
			.containsExactly("QuestionnaireResponse", "Observation");
		assertThat(response.body()).contains("http://loinc.org/q/44249-1", FhirQuestionnaires.CHECK_IN);
	}

	static List<String> expressions(ResponseEntity<String> response) {
		return JSON.readTree(response.getBody())
			.get("issue")
			.valueStream()
			.map((issue) -> issue.get("expression").get(0).asString())
			.toList();
	}

	static String phq9(String patient, int... answers) {
		String[] loinc = { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
				"44260-8" };
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < answers.length; i++) {
			items.append(i > 0 ? "," : "")
				.append("{\"linkId\":\"%s\",\"answer\":[{\"valueInteger\":%d}]}".formatted(loinc[i], answers[i]));
		}
		return """
				{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/44249-1","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"program-a"}],
				 "item":[%s]}"""
			.formatted(patient, TAKEN, items);
	}

	static String dast10(String patient, int... answers) {
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < answers.length; i++) {
			items.append(i > 0 ? "," : "")
				.append("{\"linkId\":\"%d\",\"answer\":[{\"valueBoolean\":%s}]}".formatted(i + 1, answers[i] == 1));
		}
		return """
				{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/82666-9","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s","item":[%s]}"""
			.formatted(patient, TAKEN, items);
	}

	static String checkIn(String patient, Instant authored, boolean used, String substance) {
		return """
				{"resourceType":"QuestionnaireResponse","questionnaire":"%s","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "item":[{"linkId":"mood","answer":[{"valueInteger":4}]},{"linkId":"craving","answer":[{"valueInteger":8}]},
				   {"linkId":"usedSinceLastCheckIn","answer":[{"valueBoolean":%s}]},%s
				   {"linkId":"sleepHours","answer":[{"valueDecimal":6.5}]},{"linkId":"stress","answer":[{"valueInteger":7}]},
				   {"linkId":"medicationTakenAsPrescribed","answer":[{"valueBoolean":true}]}]}"""
			.formatted(FhirQuestionnaires.CHECK_IN, patient, authored, used, (substance == null) ? ""
					: "{\"linkId\":\"substances\",\"answer\":[{\"valueString\":\"" + substance + "\"}]},");
	}

	private static Map<String, Object> phq9Json(String patient, int... answers) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 0; i < answers.length; i++) {
			items.put(Integer.toString(i + 1), answers[i]);
		}
		return Map.of("patientId", patient, "programId", "program-a", "instrument", "PHQ9", "occurredAt",
				TAKEN.toString(), "items", items);
	}

	ResponseEntity<String> postFhir(String path, String body, String idempotencyKey) {
		return postFhir(path, body, idempotencyKey, null);
	}

	ResponseEntity<String> postFhir(String path, String body, String idempotencyKey, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(FHIR_JSON);
		if (token != null) {
			headers.setBearerAuth(token);
		}
		if (idempotencyKey != null) {
			headers.set(Idempotency.HEADER, idempotencyKey);
		}
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<JsonNode> postJson(String path, Map<String, Object> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
