package org.stepwise.assessment.vitals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vitals on the real broker and database: checked, derived (BMI, % median BMI from the
 * CDC table) and published on stepwise.assessments.v1 once in effect; an impossible value
 * is a problem naming the field with nothing stored or published; an implausible one is
 * recorded and flagged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class VitalsApiTest {

	static final Instant MEASURED = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	TestRestTemplate http;

	@Autowired
	VitalsRepository vitals;

	@BeforeEach
	void authorize() {
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(), TestTokens.operator("program-a"));
	}

	@Test
	void aMeasurementIsRecordedWithItsBmiAndPercentOfMedianAndPublishedOnceEvenWhenRetried() {
		String patient = "patient-" + System.nanoTime();
		// a girl of 15 years and a few days: 180 months, median BMI 19.9305662
		String born = MEASURED.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusYears(15).minusDays(3).toString();
		Map<String, Object> body = new HashMap<>(Map.of("patientId", patient, "programId", "program-a", "measuredAt",
				MEASURED.toString(), "timeOfDay", "DAY", "weightKg", 38.26, "heightCm", 160, "heartRatePerMin", 48,
				"systolicMmHg", 92, "diastolicMmHg", 58, "temperatureC", 36.1));
		body.put("orthostatic", Map.of("lyingHeartRatePerMin", 50, "standingHeartRatePerMin", 84));
		body.put("dateOfBirth", born);
		body.put("sex", "FEMALE");
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			ResponseEntity<JsonNode> first = post(body, "vitals-" + patient);
			ResponseEntity<JsonNode> retry = post(body, "vitals-" + patient);

			assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(first.getBody().get("bmi").decimalValue()).isEqualByComparingTo("14.9");
			assertThat(first.getBody().get("medianBmiPercent").decimalValue()).isEqualByComparingTo("75.0");
			assertThat(first.getBody().get("ageMonths").asInt()).isEqualTo(180);
			assertThat(first.getBody().has("dateOfBirth")).isFalse();
			assertThat(first.getBody().has("sex")).isFalse();
			assertThat(retry.getBody().get("id")).isEqualTo(first.getBody().get("id"));
			assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");

			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 1, Duration.ofSeconds(20));
			VitalsRecorded recorded = (VitalsRecorded) events.get(0).data();
			assertThat(events.get(0).type()).isEqualTo("stepwise.assessment.vitals-recorded.v1");
			assertThat(recorded.heartRatePerMin()).isEqualTo(48);
			assertThat(recorded.timeOfDay()).isEqualTo(TimeOfDay.DAY);
			assertThat(recorded.weightKg()).isEqualByComparingTo("38.26");
			assertThat(recorded.medianBmiPercent()).isEqualByComparingTo("75.0");
			assertThat(recorded.orthostatic().standingHeartRatePerMin()).isEqualTo(84);
			assertThat(recorded.implausible()).isEmpty();
			assertThat(recorded.occurredAt()).isEqualTo(MEASURED);
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
			assertThat(this.vitals.findByPatientIdOrderByMeasuredAtAsc(patient)).hasSize(1);
			assertThat(this.http.getForObject("/api/v1/patients/{id}/vitals", JsonNode.class, patient)).hasSize(1);
		}
	}

	@Test
	void anImpossibleValueIsAProblemNamingTheFieldAndNothingIsStoredOrPublished() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			ResponseEntity<JsonNode> response = post(
					Map.of("patientId", patient, "programId", "program-a", "measuredAt", MEASURED.toString(),
							"timeOfDay", "NIGHT", "heartRatePerMin", 300, "temperatureC", 12.5),
					null);

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly("heartRatePerMin",
					"temperatureC");
			assertThat(response.getBody().toString()).doesNotContain(patient);
			assertThat(this.vitals.findByPatientIdOrderByMeasuredAtAsc(patient)).isEmpty();
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void aMeasurementDatedInTheFutureIsAProblemNamingMeasuredAt() {
		String patient = "patient-" + System.nanoTime();
		ResponseEntity<JsonNode> response = post(Map.of("patientId", patient, "programId", "program-a", "measuredAt",
				java.time.Instant.now().plus(Duration.ofHours(2)).toString(), "weightKg", 50), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly("measuredAt");
		assertThat(this.vitals.findByPatientIdOrderByMeasuredAtAsc(patient)).isEmpty();
	}

	@Test
	void anImplausibleButPossibleValueIsRecordedAndFlagged() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ASSESSMENTS)) {
			ResponseEntity<JsonNode> response = post(Map.of("patientId", patient, "programId", "program-a",
					"measuredAt", MEASURED.toString(), "timeOfDay", "NIGHT", "heartRatePerMin", 28), null);

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(response.getBody().get("implausible").valueStream().map(JsonNode::asString))
				.containsExactly("heartRatePerMin");
			VitalsRecorded recorded = (VitalsRecorded) probe.awaitEvents(patient, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(recorded.heartRatePerMin()).isEqualTo(28);
			assertThat(recorded.implausible()).containsExactly("heartRatePerMin");
		}
	}

	private ResponseEntity<JsonNode> post(Map<String, Object> body, String idempotencyKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			headers.set(Idempotency.HEADER, idempotencyKey);
		}
		return this.http.postForEntity("/api/v1/vitals", new HttpEntity<>(body, headers), JsonNode.class);
	}

}
