package org.stepwise.plan.progress;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.StoreWrites;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's write budget on the consumer path: a batch commits at most one store write
 * per patient in it, however many of the patient's events it holds, as bulk writes (the
 * relay's publishing comes after, on its own thread).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "spring.cloud.stream.bindings.progressInputs-in-0.consumer.auto-startup=false")
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ConsumedBatchWritesTest {

	static final Instant MONDAY = Instant.parse("2026-03-02T18:00:00Z");

	@Autowired
	ProgressProjector projector;

	long offset = 5_000;

	@Test
	void aBatchCommitsOneBulkWriteOfItsPatientsWhateverTheirNumberOfEvents() {
		List<String> patients = List.of("patient-" + System.nanoTime(), "patient-" + (System.nanoTime() + 1),
				"patient-" + (System.nanoTime() + 2));

		List<String> first = StoreWrites.during(() -> this.projector.handle(fourNoShowsEach(patients, 0)));
		List<String> next = StoreWrites.during(() -> this.projector.handle(fourNoShowsEach(patients, 4)));

		// the patients' documents in one bulk write, and their caseload index entries in
		// another
		assertThat(first).containsExactly("insert patients (3)", "update patient_index (3)");
		assertThat(next).containsExactly("update patients (3)", "update patient_index (3)");
	}

	@Test
	void eventsOfAProgramNotKnownHereDoNotReadTheStoreForItOnEveryBatch() {
		List<String> patients = List.of("patient-" + System.nanoTime(), "patient-" + (System.nanoTime() + 1),
				"patient-" + (System.nanoTime() + 2));
		String program = "program-" + System.nanoTime();

		List<String> first = StoreWrites
			.commandsDuring(() -> this.projector.handle(fourNoShowsEach(patients, 0, program)));
		List<String> next = StoreWrites
			.commandsDuring(() -> this.projector.handle(fourNoShowsEach(patients, 4, program)));

		// evaluated on the defaults; asked for once, not once per patient and batch
		assertThat(first).containsOnlyOnce("find programs");
		assertThat(next).doesNotContain("find programs");
	}

	private List<ReceivedEvent> fourNoShowsEach(List<String> patients, int firstDay) {
		return fourNoShowsEach(patients, firstDay, "program-a");
	}

	/** Twelve events, four a patient, from the week's {@code firstDay}. */
	private List<ReceivedEvent> fourNoShowsEach(List<String> patients, int firstDay, String program) {
		List<ReceivedEvent> batch = new ArrayList<>();
		for (String patient : patients) {
			for (int day = firstDay; day < firstDay + 4; day++) {
				batch.add(received(patient, program, "r" + day, MONDAY.plus(day * 2L, ChronoUnit.DAYS)));
			}
		}
		return batch;
	}

	private ReceivedEvent received(String patient, String program, String record, Instant at) {
		EventEnvelope<StepwiseEvent> event = EventEnvelope.of("/test", new AttendanceRecorded(patient + "/" + record,
				"session-" + record, program, patient, SessionType.GROUP, AttendanceStatus.NO_SHOW, 0, 180, at, at),
				at);
		return new ReceivedEvent(event, Topics.ATTENDANCE, 0, this.offset++);
	}

}
