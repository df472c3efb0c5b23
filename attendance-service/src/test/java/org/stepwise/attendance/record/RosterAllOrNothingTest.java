package org.stepwise.attendance.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster is stored all or nothing on the real database protocol and broker: an answered
 * roster leaves no intent behind, and what a crash between the intent and the last record
 * leaves (the intent and some of its records) is finished by the recovery pass, each
 * record and its event once.
 */
// the pass runs when the test says, not on its timer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "stepwise.attendance.roster-recovery-interval=PT1H")
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class RosterAllOrNothingTest {

	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	TestRestTemplate http;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AttendanceRepository records;

	@Autowired
	RosterRecovery recovery;

	@Autowired
	OutboxEvents events;

	@Autowired
	OutboxRelay relay;

	@BeforeEach
	void authorize() {
		TestTokens.authorize(this.http.getRestTemplate().getInterceptors(), TestTokens.operator("program-a"));
	}

	@Test
	void anAnsweredRosterLeavesNoIntentBehind() {
		List<String> patients = patients(3);
		String sessionId = scheduleSession(patients);

		ResponseEntity<JsonNode> recorded = this.http.postForEntity("/api/v1/sessions/{id}/attendance",
				Map.of("records",
						patients.stream()
							.map((p) -> Map.of("patientId", p, "status", "ATTENDED", "minutesAttended", 180))
							.toList()),
				JsonNode.class, sessionId);

		assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(this.mongo.findAll(RosterWrite.class)).noneMatch((write) -> write.sessionId().equals(sessionId));
	}

	@Test
	void aRosterWriteInterruptedAfterItsFirstRecordIsFinishedByTheRecoveryPass() {
		try (TopicProbe probe = TopicProbe.from(Topics.ATTENDANCE)) {
			List<String> patients = patients(3);
			String sessionId = scheduleSession(patients);
			List<AttendanceRecord> roster = patients.stream()
				.map((patient) -> record(sessionId, patient, AttendanceStatus.ATTENDED))
				.toList();
			// the state a kill of the service leaves after the intent and one record
			RosterWrite intent = this.mongo
				.insert(new RosterWrite("roster-" + System.nanoTime(), sessionId, roster, NOW.minusSeconds(60)));
			this.records.insert(roster.get(0));
			this.relay.nudge(AttendanceRecord.class, roster.get(0).id());
			assertThat(probe.awaitEvents(patients.get(0), 2, Duration.ofSeconds(20))).hasSize(2);

			// a request still at work (started within the last 30 s) is left alone
			assertThat(this.recovery.finishStartedBefore(NOW.minusSeconds(90))).isZero();
			assertThat(this.recovery.finishStartedBefore(NOW.minus(RosterRecovery.ABANDONED_AFTER))).isPositive();

			for (String patient : patients) {
				assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(patient)).singleElement()
					.satisfies((record) -> assertThat(record.status()).isEqualTo(AttendanceStatus.ATTENDED));
				// the session's event and one attendance event: the first record's not
				// twice
				assertThat(probe.awaitEvents(patient, 2, Duration.ofSeconds(20))).hasSize(2);
				assertThat(probe.quietFor(patient, Duration.ofSeconds(1))).hasSize(2);
			}
			assertThat(this.mongo.findById(intent.id(), RosterWrite.class)).isNull();
		}
	}

	private AttendanceRecord record(String sessionId, String patient, AttendanceStatus status) {
		String id = AttendanceRecord.idOf(sessionId, patient);
		Instant startsAt = NOW.minus(1, ChronoUnit.HOURS);
		AttendanceRecorded event = new AttendanceRecorded(id, sessionId, "program-a", patient, SessionType.GROUP,
				status, 180, 180, startsAt, NOW);
		return new AttendanceRecord(id, sessionId, "program-a", patient, SessionType.GROUP, status, 180, 180, startsAt,
				NOW, 0, List.of(), null, List.of(this.events.entry(event, NOW)));
	}

	private static List<String> patients(int count) {
		long now = System.nanoTime();
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> "patient-" + now + "-" + i).toList();
	}

	private String scheduleSession(List<String> roster) {
		Instant start = NOW.minus(1, ChronoUnit.HOURS);
		ResponseEntity<JsonNode> created = this.http.postForEntity("/api/v1/sessions",
				Map.of("programId", "program-a", "sessionType", "GROUP", "modality", "CBT", "startsAt",
						start.toString(), "endsAt", start.plus(3, ChronoUnit.HOURS).toString(), "facilitatorId",
						"clinician-1", "roster", roster),
				JsonNode.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("id").asString();
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
