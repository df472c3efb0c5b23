package org.stepwise.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling, rosters, corrections and summaries on the real broker and database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class SchedulingApiTest {

	@Autowired
	TestRestTemplate http;

	@BeforeEach
	void authorize() {
		// every staff role in program-a: these tests are about behaviour, the access
		// matrix is tested on its own
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(), TestTokens.operator("program-a"));
	}

	@Autowired
	AttendanceRepository records;

	@Test
	void aRecurringScheduleExpandsIntoSessionsOnceEvenWhenRetried() {
		String patient = "patient-" + System.nanoTime();
		Map<String, Object> body = Map.ofEntries(Map.entry("programId", "program-a"), Map.entry("sessionType", "GROUP"),
				Map.entry("modality", "DBT"), Map.entry("days", List.of("MONDAY", "WEDNESDAY", "THURSDAY")),
				Map.entry("start", "18:00"), Map.entry("end", "21:00"), Map.entry("zone", "America/Chicago"),
				Map.entry("firstDay", "2026-03-02"), Map.entry("weeks", 2), Map.entry("facilitatorId", "clinician-1"),
				Map.entry("roster", List.of(patient)));
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			ResponseEntity<JsonNode> first = post("/api/v1/sessions/recurring", body, "schedule-" + patient);
			ResponseEntity<JsonNode> retry = post("/api/v1/sessions/recurring", body, "schedule-" + patient);

			assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(first.getBody()).hasSize(6);
			assertThat(retry.getBody().findValuesAsString("id")).isEqualTo(first.getBody().findValuesAsString("id"));
			// 18:00 in Chicago: 00:00Z before the DST change on 8 March, 23:00Z after it.
			assertThat(first.getBody().get(0).get("startsAt").asString()).isEqualTo("2026-03-03T00:00:00Z");
			assertThat(first.getBody().get(3).get("startsAt").asString()).isEqualTo("2026-03-09T23:00:00Z");
			assertThat(probe.awaitEvents(patient, 6, Duration.ofSeconds(20)))
				.allSatisfy((event) -> assertThat(event.data()).isInstanceOf(SessionScheduled.class));
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(6);
		}
	}

	@Test
	void rescheduleRosterChangesAndCancellationTellTheRosteredPatients() {
		String alice = "patient-a-" + System.nanoTime();
		String bob = "patient-b-" + System.nanoTime();
		Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		String session;
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			session = schedule(start, alice).get("id").asString();
			this.http.patchForObject("/api/v1/sessions/{id}", Map.of("startsAt",
					start.plus(1, ChronoUnit.HOURS).toString(), "endsAt", start.plus(4, ChronoUnit.HOURS).toString()),
					JsonNode.class, session);
			this.http.postForObject("/api/v1/sessions/{id}/roster", Map.of("patientId", bob), JsonNode.class, session);
			this.http.delete("/api/v1/sessions/{id}/roster/{patient}", session, alice);
			this.http.delete("/api/v1/sessions/{id}", session);

			List<EventEnvelope<StepwiseEvent>> aliceEvents = probe.awaitEvents(alice, 3, Duration.ofSeconds(20));
			assertThat(aliceEvents.get(0).data()).isInstanceOf(SessionScheduled.class);
			assertThat(aliceEvents.get(1).data()).isInstanceOf(SessionChanged.class);
			assertThat(((SessionCancelled) aliceEvents.get(2).data()).removedFromRoster()).isTrue();
			List<EventEnvelope<StepwiseEvent>> bobEvents = probe.awaitEvents(bob, 2, Duration.ofSeconds(20));
			assertThat(bobEvents.get(0).data()).isInstanceOf(SessionScheduled.class);
			assertThat(((SessionCancelled) bobEvents.get(1).data()).removedFromRoster()).isFalse();
		}
		ResponseEntity<JsonNode> afterCancel = this.http.exchange("/api/v1/sessions/{id}", HttpMethod.PATCH,
				new HttpEntity<>(Map.of("facilitatorId", "clinician-2")), JsonNode.class, session);
		assertThat(afterCancel.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		ResponseEntity<JsonNode> cancelAgain = this.http.exchange("/api/v1/sessions/{id}", HttpMethod.DELETE, null,
				JsonNode.class, session);
		assertThat(cancelAgain.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(cancelAgain.getBody().get("cancelled").asBoolean()).isTrue();
	}

	@Test
	void aRosterIsRecordedAllOrNothingARetryReturnsTheFirstRecordAndACorrectionIsKept() {
		String alice = "patient-a-" + System.nanoTime();
		String bob = "patient-b-" + System.nanoTime();
		String session = schedule(Instant.now().minus(5, ChronoUnit.HOURS), alice, bob).get("id").asString();

		ResponseEntity<JsonNode> withStranger = post("/api/v1/sessions/" + session + "/attendance",
				Map.of("records", List.of(entry(alice, "ATTENDED", 180), entry("stranger", "ATTENDED", 180))), null);
		assertThat(withStranger.getStatusCode()).as(withStranger.getBody().toString())
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(withStranger.getBody().get("errors").findValuesAsString("field"))
			.containsExactly("records[1].patientId");
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(alice)).isEmpty();

		Map<String, Object> roster = Map.of("records", List.of(entry(alice, "NO_SHOW", 0), entry(bob, "LATE", 150)));
		assertThat(post("/api/v1/sessions/" + session + "/attendance", roster, null).getBody()).hasSize(2);
		assertThat(post("/api/v1/sessions/" + session + "/attendance", roster, null).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			Map<String, Object> correction = Map.of("status", "EXCUSED", "minutesAttended", 0, "correctedBy",
					"clinician-1", "reason", "EXCUSE_RECEIVED");
			String path = "/api/v1/sessions/" + session + "/attendance/" + alice + "/corrections";
			JsonNode corrected = post(path, correction, "correction-" + alice).getBody();
			assertThat(post(path, correction, "correction-" + alice).getBody().get("revision").asInt()).isEqualTo(1);
			assertThat(corrected.get("status").asString()).isEqualTo("EXCUSED");
			assertThat(corrected.get("revision").asInt()).isEqualTo(1);
			assertThat(corrected.get("corrections").get(0).get("previousStatus").asString()).isEqualTo("NO_SHOW");
			AttendanceCorrected event = (AttendanceCorrected) probe.awaitEvents(alice, 1, Duration.ofSeconds(20))
				.get(0)
				.data();
			assertThat(event.previousStatus()).isEqualTo(AttendanceStatus.NO_SHOW);
			assertThat(event.status()).isEqualTo(AttendanceStatus.EXCUSED);
			assertThat(event.revision()).isEqualTo(1);
			// who corrected is the caller of the token, never what the body claims
			assertThat(corrected.get("corrections").get(0).get("correctedBy").asString()).isEqualTo("operator");
			assertThat(event.correctedBy()).isEqualTo("operator");
			assertThat(probe.quietFor(alice, Duration.ofSeconds(2))).hasSize(1);
		}
		Map<String, Object> withoutCorrectedBy = Map.of("status", "EXCUSED", "minutesAttended", 0, "reason",
				"EXCUSE_RECEIVED");
		ResponseEntity<JsonNode> bobCorrected = post(
				"/api/v1/sessions/" + session + "/attendance/" + bob + "/corrections", withoutCorrectedBy, null);
		assertThat(bobCorrected.getStatusCode()).as(bobCorrected.getBody().toString()).isEqualTo(HttpStatus.OK);
		assertThat(bobCorrected.getBody().get("corrections").get(0).get("correctedBy").asString())
			.isEqualTo("operator");
	}

	@Test
	void theSummaryAndTheUnrecordedReportCountWhatHappened() {
		String patient = "patient-" + System.nanoTime();
		Instant now = Instant.now();
		String attended = schedule(now.minus(30, ChronoUnit.HOURS), patient).get("id").asString();
		String missed = schedule(now.minus(26, ChronoUnit.HOURS), patient).get("id").asString();
		String forgotten = schedule(now.minus(20, ChronoUnit.HOURS), patient).get("id").asString();
		post("/api/v1/sessions/" + attended + "/attendance", entry(patient, "ATTENDED", 120), null);
		post("/api/v1/sessions/" + missed + "/attendance", entry(patient, "NO_SHOW", 0), null);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		JsonNode summary = this.http.getForObject("/api/v1/patients/{p}/attendance/summary?from={f}&to={t}&zone=UTC",
				JsonNode.class, patient, today.minusDays(3), today);

		assertThat(summary.get("scheduled").asInt()).isEqualTo(3);
		assertThat(summary.get("attended").asInt()).isEqualTo(1);
		assertThat(summary.get("noShows").asInt()).isEqualTo(1);
		assertThat(summary.get("unrecorded").asInt()).isEqualTo(1);
		assertThat(summary.get("attendanceRate").asDouble()).isEqualTo(0.5);
		JsonNode unrecorded = this.http.getForObject("/api/v1/sessions/unrecorded?olderThanHours=6", JsonNode.class);
		assertThat(unrecorded.findValuesAsString("sessionId")).contains(forgotten).doesNotContain(attended, missed);
	}

	private JsonNode schedule(Instant start, String... roster) {
		return post("/api/v1/sessions",
				Map.of("programId", "program-a", "sessionType", "GROUP", "modality", "CBT", "startsAt",
						start.toString(), "endsAt", start.plus(3, ChronoUnit.HOURS).toString(), "facilitatorId",
						"clinician-1", "roster", List.of(roster)),
				null)
			.getBody();
	}

	private static Map<String, Object> entry(String patient, String status, int minutes) {
		return Map.of("patientId", patient, "status", status, "minutesAttended", minutes);
	}

	private ResponseEntity<JsonNode> post(String path, Object body, String idempotencyKey) {
		HttpHeaders headers = new HttpHeaders();
		if (idempotencyKey != null) {
			headers.set(Idempotency.HEADER, idempotencyKey);
		}
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
