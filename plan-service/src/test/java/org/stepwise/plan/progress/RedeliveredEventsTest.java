package org.stepwise.plan.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Duplicates through plan-service's own consumer path ({@link ProgressProjector} to the
 * stored document), without a list of applied event ids: a redelivered batch, the same
 * event at another offset (an upstream outbox relay publishing it twice), the same fact
 * under another event id, and an older version of a corrected record after the correction
 * each change nothing, write nothing and publish nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "spring.cloud.stream.bindings.progressInputs-in-0.consumer.auto-startup=false")
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class RedeliveredEventsTest {

	static final Instant MONDAY = Instant.parse("2026-03-02T18:00:00Z");

	@Autowired
	ProgressProjector projector;

	@Autowired
	PatientFileRepository patients;

	@Autowired
	MongoTemplate mongo;

	long offset = 1_000;

	@Test
	void aRedeliveredBatchAndTheSameEventAtAnotherOffsetChangeNothingAndPublishNothing() {
		String patient = "patient-" + System.nanoTime();
		List<ReceivedEvent> batch = List.of(received(noShow(patient, "r1", MONDAY)),
				received(noShow(patient, "r2", MONDAY.plus(2, ChronoUnit.DAYS))));
		this.projector.handle(batch);
		PatientFile settled = settled(patient);
		assertThat(settled.state().projection().attendance()).hasSize(2);

		// the consumer restarting before its offsets were committed: the same records
		this.projector.handle(batch);
		// the attendance service's relay publishing both again, at new offsets
		this.projector.handle(List.of(received(batch.get(1).envelope()), received(batch.get(0).envelope())));

		assertThat(this.patients.findById(patient).orElseThrow()).isEqualTo(settled);
	}

	/** Fails on the old code: another event id was news to its id list. */
	@Test
	void theSameFactUnderAnotherEventIdChangesNothing() {
		String patient = "patient-" + System.nanoTime();
		this.projector.handle(List.of(received(noShow(patient, "r1", MONDAY))));
		PatientFile settled = settled(patient);

		this.projector.handle(List.of(received(noShow(patient, "r1", MONDAY))));

		assertThat(this.patients.findById(patient).orElseThrow()).isEqualTo(settled);
	}

	@Test
	void anOlderDuplicateArrivingAfterTheCorrectionDoesNotUndoIt() {
		String patient = "patient-" + System.nanoTime();
		EventEnvelope<StepwiseEvent> noShow = noShow(patient, "r1", MONDAY);
		this.projector.handle(List.of(received(noShow)));
		AttendanceCorrected correction = new AttendanceCorrected(patient + "/r1", "session-r1", "program-a", patient,
				SessionType.GROUP, AttendanceStatus.NO_SHOW, AttendanceStatus.ATTENDED, 180, 180, 1, "clinician-a",
				MONDAY, MONDAY.plus(1, ChronoUnit.DAYS));
		this.projector.handle(List.of(received(EventEnvelope.of("/test", correction, MONDAY))));
		PatientFile corrected = settled(patient);
		assertThat(corrected.state().projection().attendance()).singleElement()
			.satisfies((mark) -> assertThat(mark.status()).isEqualTo(AttendanceStatus.ATTENDED));

		this.projector.handle(List.of(received(noShow)));

		assertThat(this.patients.findById(patient).orElseThrow()).isEqualTo(corrected);
	}

	/**
	 * A document written before requests had their own list: it is read, its requests are
	 * carried over and its event ids dropped, and the next write leaves the old field
	 * out.
	 */
	@Test
	void aDocumentWithAppliedEventIdsIsReadAndMigratesOnTheNextWrite() {
		String patient = "patient-" + System.nanoTime();
		this.projector.handle(List.of(received(noShow(patient, "r1", MONDAY))));
		settled(patient);
		this.mongo.getCollection("patients")
			.updateOne(new Document("_id", patient),
					new Document("$set",
							new Document("appliedEventIds",
									List.of("event-1", "request:req-1:fingerprint-1", "event-2")))
						.append("$unset", new Document("appliedRequests", "")));

		PatientFile old = this.patients.findById(patient).orElseThrow();
		assertThat(old.appliedRequest("req-1", Instant.now())).contains("fingerprint-1");
		assertThat(old.appliedRequests()).hasSize(1);

		this.projector.handle(List.of(received(noShow(patient, "r2", MONDAY.plus(2, ChronoUnit.DAYS)))));

		Document stored = this.mongo.getCollection("patients").find(new Document("_id", patient)).first();
		assertThat(stored).doesNotContainKey("appliedEventIds");
		assertThat(this.patients.findById(patient).orElseThrow().appliedRequest("req-1", Instant.now()))
			.contains("fingerprint-1");
	}

	/** The stored document once the relay has published its outbox. */
	private PatientFile settled(String patient) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.patients.findById(patient).orElse(null),
					(file) -> file != null && file.outbox().isEmpty());
	}

	private ReceivedEvent received(EventEnvelope<? extends StepwiseEvent> envelope) {
		@SuppressWarnings("unchecked")
		EventEnvelope<StepwiseEvent> event = (EventEnvelope<StepwiseEvent>) envelope;
		return new ReceivedEvent(event, Topics.ATTENDANCE, 0, this.offset++);
	}

	private static EventEnvelope<StepwiseEvent> noShow(String patient, String record, Instant at) {
		return EventEnvelope.of("/test", new AttendanceRecorded(patient + "/" + record, "session-" + record,
				"program-a", patient, SessionType.GROUP, AttendanceStatus.NO_SHOW, 0, 180, at, at), at);
	}

}
