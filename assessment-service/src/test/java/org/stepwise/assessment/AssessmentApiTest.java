package org.stepwise.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

import org.stepwise.assessment.assessment.AssessmentRepository;
import org.stepwise.assessment.checkin.CheckInRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.StoreWrites;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessment API on the real broker and database: scored at the source with safety
 * flags, published once in effect, idempotent on retries, and nothing stored or published
 * for input that cannot be scored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AssessmentApiTest {

	static final Instant TAKEN = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	TestRestTemplate http;

	@BeforeEach
	void authorize() {
		// every staff role in program-a: these tests are about behaviour, the access
		// matrix is tested on its own
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(), TestTokens.operator("program-a"));
	}

	@Autowired
	AssessmentRepository assessments;

	@Autowired
	CheckInRepository checkIns;

	@Test
	void aPhq9WithItem9AnsweredIsScoredFlaggedAndPublishedOnceEvenWhenRetried() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			Map<String, Object> body = phq9(patient, 2, 2, 2, 2, 2, 2, 1, 1, 2);
			ResponseEntity<JsonNode> first = post("/api/v1/assessments", body, "key-" + patient);
			ResponseEntity<JsonNode> retry = post("/api/v1/assessments", body, "key-" + patient);

			assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(first.getBody().get("total").asInt()).isEqualTo(16);
			assertThat(first.getBody().get("band").asString()).isEqualTo("moderately severe");
			assertThat(first.getBody().get("safety").asString()).isEqualTo("CRITICAL");
			assertThat(retry.getBody().get("id")).isEqualTo(first.getBody().get("id"));
			assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 1, Duration.ofSeconds(20));
			AssessmentScored scored = (AssessmentScored) events.get(0).data();
			assertThat(scored.instrument()).isEqualTo(Instrument.PHQ9);
			assertThat(scored.items()).containsEntry("9", 2).hasSize(9);
			assertThat(scored.safety()).isEqualTo(SafetyLevel.CRITICAL);
			assertThat(scored.occurredAt()).isEqualTo(TAKEN);
			assertThat(scored.labels()).isEmpty();
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(1);
		}
	}

	@Test
	void aKeyReusedForADifferentRequestIsRejected() {
		String patient = "patient-" + System.nanoTime();
		post("/api/v1/assessments", phq9(patient, 0, 0, 0, 0, 0, 0, 0, 0, 0), "reused-" + patient);

		ResponseEntity<JsonNode> other = post("/api/v1/assessments", phq9(patient, 1, 0, 0, 0, 0, 0, 0, 0, 0),
				"reused-" + patient);

		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(other.getBody().get("type").asString()).endsWith("/idempotency_key_reused");
		assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(1);
	}

	/**
	 * Issue 19's write budget: an ingest request commits at most two store writes before
	 * it is answered (its audit record, and the record with its event in the outbox); the
	 * relay's publishing comes after.
	 */
	@Test
	void aCheckInAndAnInstrumentEachCommitTwoStoreWritesBeforeTheyAreAnswered() {
		String patient = "patient-" + System.nanoTime();
		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();

		List<String> checkIn = StoreWrites.during(() -> answers.add(post("/api/v1/check-ins",
				checkIn(patient, false, List.of()), "key-c-" + patient, TestTokens.ingest())));
		List<String> phq9 = StoreWrites.during(() -> answers
			.add(post("/api/v1/assessments", phq9(patient, 1, 1, 1, 1, 1, 1, 1, 1, 0), "key-a-" + patient)));
		List<String> retry = StoreWrites.during(() -> answers.add(post("/api/v1/check-ins",
				checkIn(patient, false, List.of()), "key-c-" + patient, TestTokens.ingest())));

		assertThat(answers).extracting(ResponseEntity::getStatusCode)
			.containsExactly(HttpStatus.CREATED, HttpStatus.CREATED, HttpStatus.CREATED);
		assertThat(checkIn).containsExactlyInAnyOrder("insert audit", "insert checkins");
		assertThat(phq9).containsExactlyInAnyOrder("insert audit", "insert assessments");
		assertThat(retry).hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void aKeyBelongsToItsCallerSoAnotherCallersRequestWithTheSameKeyIsItsOwn() {
		String patient = "patient-" + System.nanoTime();
		String sameKey = "check-in-1";
		Map<String, Object> byThePatient = checkIn(patient, false, List.of());
		Map<String, Object> byTheClinic = new HashMap<>(byThePatient);
		byTheClinic.put("mood", 6);

		ResponseEntity<JsonNode> own = post("/api/v1/check-ins", byThePatient, sameKey,
				TestTokens.patient(patient, "program-a"));
		ResponseEntity<JsonNode> other = post("/api/v1/check-ins", byTheClinic, sameKey, TestTokens.ingest());
		ResponseEntity<JsonNode> ownRetry = post("/api/v1/check-ins", byThePatient, sameKey,
				TestTokens.patient(patient, "program-a"));

		assertThat(own.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(other.getBody().get("id")).isNotEqualTo(own.getBody().get("id"));
		assertThat(ownRetry.getBody().get("id")).isEqualTo(own.getBody().get("id"));
		assertThat(ownRetry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
	}

	@Test
	void anInstrumentThatCannotBeScoredIsRejectedNamingTheItemsAndNothingIsStoredOrPublished() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			Map<String, Object> body = phq9(patient, 1, 1, 1, 1, 1, 1, 1, 9);
			ResponseEntity<JsonNode> response = post("/api/v1/assessments", body, null);

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly("items.8",
					"items.9");
			assertThat(response.getBody().toString()).doesNotContain(patient);
			assertThat(this.assessments.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void aDrugScreenSeparatesPrescribedMedicationFromUseAndIsPart2Data() {
		String patient = "patient-" + System.nanoTime();
		Map<String, Object> body = Map.of("patientId", patient, "programId", "program-a", "instrument", "UDS",
				"occurredAt", TAKEN.toString(), "analytes",
				List.of(Map.of("analyte", "buprenorphine", "positive", true, "confirmatory", true, "prescribed", true),
						Map.of("analyte", "fentanyl", "positive", true, "confirmatory", false, "prescribed", false)));
		ResponseEntity<JsonNode> response = post("/api/v1/assessments", body, null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("band").asString()).isEqualTo("positive");
		assertThat(response.getBody().get("labels").get(0).asString()).isEqualTo("PART2");
		assertThat(this.http.getForObject("/api/v1/patients/{id}/assessments?instrument=UDS", JsonNode.class, patient))
			.hasSize(1);
	}

	@Test
	void aCheckInReportingUseIsPart2DataAndUseWithoutSubstancesIsRejected() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.CHECKINS)) {
			Map<String, Object> body = checkIn(patient, true, List.of("alcohol"));
			assertThat(post("/api/v1/check-ins", body, "checkin-" + patient).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
			assertThat(
					post("/api/v1/check-ins", body, "checkin-" + patient).getHeaders().getFirst("Idempotent-Replayed"))
				.isEqualTo("true");

			CheckInSubmitted event = (CheckInSubmitted) probe.awaitEvents(patient, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(event.craving()).isEqualTo(8);
			assertThat(event.substances()).containsExactly("alcohol");
			assertThat(event.labels()).containsExactly(SensitivityLabel.PART2);

			ResponseEntity<JsonNode> inconsistent = post("/api/v1/check-ins", checkIn(patient, true, List.of()), null);
			Map<String, Object> outOfRange = new HashMap<>(checkIn(patient, false, List.of()));
			outOfRange.put("mood", 11);
			outOfRange.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
			ResponseEntity<JsonNode> badMood = post("/api/v1/check-ins", outOfRange, null);

			assertThat(inconsistent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(inconsistent.getBody().get("errors").findValuesAsString("field"))
				.containsExactly("substancesConsistent");
			assertThat(badMood.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(badMood.getBody().get("errors").findValuesAsString("field")).containsExactly("mood");
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.checkIns.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(1);
		}
	}

	/**
	 * The early-warning items (docs/clinical-rules.md section 3b) travel to the event
	 * when answered and stay null when skipped; out-of-range or unknown answers are
	 * refused and nothing is published.
	 */
	@Test
	void theEarlyWarningItemsAreOptionalValidatedAndPublished() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.CHECKINS)) {
			Map<String, Object> answered = new HashMap<>(checkIn(patient, false, List.of()));
			answered.put("confidence", 3);
			answered.put("highRiskSituation", true);
			answered.put("highRiskCategory", "CELEBRATION");
			Map<String, Object> skipped = new HashMap<>(checkIn(patient, false, List.of()));
			skipped.put("occurredAt", TAKEN.minus(1, ChronoUnit.DAYS).toString());
			assertThat(post("/api/v1/check-ins", answered, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(post("/api/v1/check-ins", skipped, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);

			List<CheckInSubmitted> events = probe.awaitEvents(patient, 2, Duration.ofSeconds(20))
				.stream()
				.map((event) -> (CheckInSubmitted) event.data())
				.sorted(java.util.Comparator.comparing(CheckInSubmitted::occurredAt))
				.toList();
			assertThat(events.get(1).confidence()).isEqualTo(3);
			assertThat(events.get(1).highRiskSituation()).isTrue();
			assertThat(events.get(1).highRiskCategory()).isEqualTo(HighRiskCategory.CELEBRATION);
			assertThat(events.get(0).confidence()).isNull();
			assertThat(events.get(0).highRiskSituation()).isNull();
			assertThat(events.get(0).highRiskCategory()).isNull();

			Map<String, Object> tooConfident = new HashMap<>(answered);
			tooConfident.put("confidence", 11);
			Map<String, Object> unknownCategory = new HashMap<>(answered);
			unknownCategory.put("highRiskCategory", "PARTY");
			Map<String, Object> categoryWithoutSituation = new HashMap<>(answered);
			categoryWithoutSituation.put("highRiskSituation", false);
			ResponseEntity<JsonNode> confidence = post("/api/v1/check-ins", tooConfident, null);
			ResponseEntity<JsonNode> category = post("/api/v1/check-ins", unknownCategory, null);
			ResponseEntity<JsonNode> inconsistent = post("/api/v1/check-ins", categoryWithoutSituation, null);

			assertThat(confidence.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(confidence.getBody().get("errors").findValuesAsString("field")).containsExactly("confidence");
			assertThat(category.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(category.getHeaders().getContentType()).hasToString("application/problem+json");
			assertThat(category.getBody().toString()).contains("highRiskCategory").doesNotContain("PARTY");
			assertThat(inconsistent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(inconsistent.getBody().get("errors").findValuesAsString("field"))
				.containsExactly("highRiskCategoryConsistent");
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(2);
		}
	}

	@Test
	void futureClinicalTimeIsRejected() {
		Map<String, Object> body = new HashMap<>(checkIn("patient-" + System.nanoTime(), false, List.of()));
		body.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
		ResponseEntity<JsonNode> response = post("/api/v1/check-ins", body, null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly("occurredAt");
	}

	@Test
	void theInstrumentsDescribeThemselves() {
		JsonNode instruments = this.http.getForObject("/api/v1/instruments", JsonNode.class);
		assertThat(instruments.findValuesAsString("instrument")).containsExactlyInAnyOrder("PHQ9", "GAD7", "AUDITC",
				"DAST10", "BAM", "PACS", "CSSRS", "UDS", "EDEQS", "CHECK_IN");
		JsonNode phq9 = instruments.get(0);
		assertThat(phq9.get("loinc").asString()).isEqualTo("44261-6");
		assertThat(phq9.get("submitTo").asString()).isEqualTo("/api/v1/assessments");
		assertThat(phq9.get("stem").asString()).startsWith("Over the last 2 weeks, how often");
		assertThat(phq9.get("items")).hasSize(9);
		assertThat(phq9.get("items").get(0).get("text").asString())
			.isEqualTo("Little interest or pleasure in doing things");
		assertThat(phq9.get("items").get(8).get("options").get(3).toString())
			.isEqualTo("{\"value\":3,\"label\":\"Nearly every day\",\"score\":3}");
		assertThat(phq9.get("source").get("wording").asString()).isEqualTo("VERBATIM");
		assertThat(phq9.get("source").get("citation").asString()).contains("Kroenke");
		assertThat(phq9.get("bands").get(4).get("name").asString()).isEqualTo("severe");
		JsonNode checkIn = instruments.get(instruments.size() - 1);
		assertThat(checkIn.get("submitTo").asString()).isEqualTo("/api/v1/check-ins");
		assertThat(checkIn.get("items").findValuesAsString("id")).contains("mood", "craving", "confidence");
	}

	private ResponseEntity<JsonNode> post(String path, Map<String, Object> body, String idempotencyKey) {
		return post(path, body, idempotencyKey, null);
	}

	private ResponseEntity<JsonNode> post(String path, Map<String, Object> body, String idempotencyKey, String token) {
		HttpHeaders headers = new HttpHeaders();
		if (token != null) {
			headers.setBearerAuth(token);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			headers.set(Idempotency.HEADER, idempotencyKey);
		}
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private static Map<String, Object> phq9(String patient, int... responses) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 0; i < responses.length; i++) {
			items.put(Integer.toString(i + 1), responses[i]);
		}
		return Map.of("patientId", patient, "programId", "program-a", "instrument", "PHQ9", "occurredAt",
				TAKEN.toString(), "items", items);
	}

	private static Map<String, Object> checkIn(String patient, boolean used, List<String> substances) {
		return Map.of("patientId", patient, "programId", "program-a", "occurredAt", TAKEN.toString(), "mood", 4,
				"craving", 8, "usedSinceLastCheckIn", used, "substances", substances, "sleepHours", 6.5, "stress", 7,
				"medicationTakenAsPrescribed", true);
	}

}
