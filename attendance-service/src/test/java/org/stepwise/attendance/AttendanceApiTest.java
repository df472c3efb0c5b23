package org.stepwise.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.StoreWrites;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attendance API on the real broker and database: each write publishes its event
 * once; rejected input stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AttendanceApiTest {

	/** Sessions start an hour before "now", so attendance can be recorded. */
	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

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

	@Autowired
	OutboxRelay relay;

	@Test
	void recordingAttendancePublishesOneEventPerWrite() {
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			String patient = "patient-" + System.nanoTime();
			String sessionId = scheduleSession(patient, NOW.minus(1, ChronoUnit.HOURS));

			ResponseEntity<JsonNode> recorded = this.http.postForEntity("/api/v1/sessions/{id}/attendance",
					Map.of("patientId", patient, "status", "ATTENDED", "minutesAttended", 50), JsonNode.class,
					sessionId);

			assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, 2, Duration.ofSeconds(20));
			assertThat(events).extracting((e) -> (Object) e.data().getClass())
				.containsExactly(SessionScheduled.class, AttendanceRecorded.class);
			AttendanceRecorded event = (AttendanceRecorded) events.get(1).data();
			assertThat(event.status()).isEqualTo(AttendanceStatus.ATTENDED);
			assertThat(event.minutesAttended()).isEqualTo(50);
			assertThat(event.sessionMinutes()).isEqualTo(180);
			// Nothing more arrives for this patient: each write published exactly one
			// event per rostered patient.
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(2);
		}
	}

	/**
	 * Issue 19's write budget: a request commits at most two store writes before it is
	 * answered (its audit record, and the record with its events in the outbox); the
	 * relay's publishing comes after.
	 */
	@Test
	void schedulingASessionAndRecordingAttendanceEachCommitTwoStoreWritesBeforeTheyAreAnswered() {
		String patient = "patient-" + System.nanoTime();
		List<String> session = new ArrayList<>();
		List<String> scheduling = StoreWrites
			.during(() -> session.add(scheduleSession(patient, NOW.minus(1, ChronoUnit.HOURS))));
		List<ResponseEntity<JsonNode>> recorded = new ArrayList<>();
		List<String> recording = StoreWrites
			.during(() -> recorded.add(this.http.postForEntity("/api/v1/sessions/{id}/attendance",
					entry(patient, "ATTENDED", 50), JsonNode.class, session.get(0))));

		assertThat(recorded.get(0).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(scheduling).containsExactlyInAnyOrder("insert audit", "insert sessions");
		assertThat(recording).containsExactlyInAnyOrder("insert audit", "insert attendance");
	}

	@Test
	void aSecondRecordForTheSamePatientAndSessionIsAConflictAndStoresNothing() {
		String patient = "patient-" + System.nanoTime();
		String sessionId = scheduleSession(patient, NOW.minus(1, ChronoUnit.HOURS));
		Map<String, Object> body = Map.of("patientId", patient, "status", "NO_SHOW", "minutesAttended", 0);
		assertThat(this.http.postForEntity("/api/v1/sessions/{id}/attendance", body, JsonNode.class, sessionId)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<JsonNode> again = this.http.postForEntity("/api/v1/sessions/{id}/attendance",
				Map.of("patientId", patient, "status", "ATTENDED", "minutesAttended", 10), JsonNode.class, sessionId);

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).singleElement()
			.satisfies((record) -> assertThat(record.status()).isEqualTo(AttendanceStatus.NO_SHOW));
	}

	@Test
	void aRosterPartlyStoredBeforeACrashIsCompletedBySendingItAgainWithNoEventTwice() {
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			String first = "patient-" + System.nanoTime();
			String second = first + "-b";
			String third = first + "-c";
			String sessionId = scheduleSession(List.of(first, second, third), NOW.minus(1, ChronoUnit.HOURS));
			// what a crash in the middle of storing the roster leaves: one of its records
			assertThat(this.http
				.postForEntity("/api/v1/sessions/{id}/attendance", entry(second, "ATTENDED", 180), JsonNode.class,
						sessionId)
				.getStatusCode()).isEqualTo(HttpStatus.CREATED);

			ResponseEntity<JsonNode> roster = this.http
				.postForEntity(
						"/api/v1/sessions/{id}/attendance", Map.of("records", List.of(entry(first, "ATTENDED", 180),
								entry(second, "ATTENDED", 180), entry(third, "NO_SHOW", 0))),
						JsonNode.class, sessionId);

			assertThat(roster.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(roster.getBody().findValuesAsString("patientId")).containsExactly(first, second, third);
			for (String patient : List.of(first, second, third)) {
				// the session's event, then one attendance event each
				assertThat(probe.awaitEvents(patient, 2, Duration.ofSeconds(20))).hasSize(2);
				assertThat(probe.quietFor(patient, Duration.ofSeconds(1))).hasSize(2);
			}
		}
	}

	@Test
	void theSameRosterSentFourTimesAtOnceIsStoredOnceAndEveryRequestSeesIt() throws Exception {
		List<String> patients = java.util.stream.IntStream.range(0, 12)
			.mapToObj((i) -> "patient-" + System.nanoTime() + "-" + i)
			.toList();
		String sessionId = scheduleSession(patients, NOW.minus(1, ChronoUnit.HOURS));
		Map<String, Object> roster = Map.of("records",
				patients.stream().map((patient) -> entry(patient, "ATTENDED", 180)).toList());

		List<java.util.concurrent.Future<ResponseEntity<JsonNode>>> answers = new java.util.ArrayList<>();
		try (var senders = java.util.concurrent.Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				answers.add(senders.submit(() -> this.http.postForEntity("/api/v1/sessions/{id}/attendance", roster,
						JsonNode.class, sessionId)));
			}
		}

		for (var answer : answers) {
			// none answers "recorded at the same time, retry": the service retries itself
			assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(answer.get().getBody()).hasSize(12);
		}
		for (String patient : patients) {
			assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).hasSize(1);
		}
	}

	@Test
	void invalidInputGetsProblemDetailsWithTheFieldsAndStoresNothing() {
		String patient = "patient-" + System.nanoTime();
		String future = scheduleSession(patient, NOW.plus(1, ChronoUnit.DAYS));

		ResponseEntity<JsonNode> early = this.http.postForEntity("/api/v1/sessions/{id}/attendance",
				Map.of("patientId", patient, "status", "ATTENDED", "minutesAttended", 10), JsonNode.class, future);
		ResponseEntity<JsonNode> missing = this.http.postForEntity("/api/v1/sessions/{id}/attendance",
				Map.of("status", "ATTENDED", "minutesAttended", -1), JsonNode.class, future);
		ResponseEntity<JsonNode> garbage = this.http.postForEntity("/api/v1/sessions/{id}/attendance", "{not json",
				JsonNode.class, future);

		assertThat(early.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(early.getBody().get("errors").get(0).get("field").asString()).isEqualTo("sessionId");
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getBody().get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("patientIdOrRecords", "minutesAttended");
		assertThat(garbage.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(missing.getBody().toString()).doesNotContain(patient);
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).isEmpty();
	}

	@Test
	void eventsWrittenWhileThePublisherIsDownArePublishedWhenItComesBack() {
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			String patient = "patient-" + System.nanoTime();
			this.relay.stop();
			try {
				scheduleSession(patient, NOW.minus(1, ChronoUnit.HOURS));
				assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).isEmpty();
			}
			finally {
				// As after a crash between the write and the publish: the relay finds the
				// pending entry on start.
				this.relay.start();
			}
			assertThat(probe.awaitEvents(patient, 1, Duration.ofSeconds(20))).hasSize(1);
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).hasSize(1);
		}
	}

	private String scheduleSession(String patient, Instant start) {
		return scheduleSession(List.of(patient), start);
	}

	private String scheduleSession(List<String> roster, Instant start) {
		ResponseEntity<JsonNode> created = this.http.postForEntity("/api/v1/sessions",
				Map.of("programId", "program-a", "sessionType", "GROUP", "modality", "CBT", "startsAt",
						start.toString(), "endsAt", start.plus(3, ChronoUnit.HOURS).toString(), "facilitatorId",
						"clinician-1", "roster", roster),
				JsonNode.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("id").asString();
	}

	private static Map<String, Object> entry(String patient, String status, int minutes) {
		return Map.of("patientId", patient, "status", status, "minutesAttended", minutes);
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		@Primary
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
