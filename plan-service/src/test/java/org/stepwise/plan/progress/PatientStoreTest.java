package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patient documents and their index entries on the real database protocol: the clinical
 * clock finds due patients through the index, documents written before the index existed
 * get their entries, and the outbox relay's removal of published events never fails a
 * write (issue 19).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class PatientStoreTest {

	// far ahead, so the clock's own passes never find these patients due meanwhile
	static final Instant LATER = Instant.parse("2100-01-01T00:01:00Z");

	@Autowired
	PatientStore store;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OutboxRelay relay;

	@Autowired
	OutboxEvents events;

	@Test
	void everyWriteKeepsTheIndexEntryAndTheClockFindsDuePatientsThroughIt() {
		String due = "patient-" + System.nanoTime();
		String notYet = due + "-later";
		this.store.writeAll(List.of(new PatientStore.Change(null, fresh(due, LATER)),
				new PatientStore.Change(null, fresh(notYet, LATER.plusSeconds(86_400)))));

		assertThat(this.mongo.findById(due, PatientIndex.class))
			.isEqualTo(new PatientIndex(due, null, "LOW", LATER, null, "program-a", List.of(), Map.of()));
		assertThat(this.store.due(LATER, 100_000)).extracting(PatientFile::patientId)
			.contains(due)
			.doesNotContain(notYet);

		// the next write of the same patient moves its entry along
		PatientFile stored = this.store.load(List.of(due)).get(due);
		this.store.writeAll(List
			.of(new PatientStore.Change(stored, stored.next(stored.state(), LATER.plusSeconds(172_800), List.of()))));
		assertThat(this.mongo.findById(due, PatientIndex.class).nextEvaluationAt())
			.isEqualTo(LATER.plusSeconds(172_800));
		assertThat(this.store.due(LATER, 100_000)).extracting(PatientFile::patientId).doesNotContain(due);
	}

	@Test
	void aDocumentStoredBeforeTheIndexExistedGetsItsEntry() {
		String patient = "patient-" + System.nanoTime();
		PatientFile file = fresh(patient, LATER);
		this.mongo.insert(new PatientFile(patient, file.state(), List.of(), LATER, 0L, List.of()));
		assertThat(this.mongo.findById(patient, PatientIndex.class)).isNull();

		assertThat(this.store.completeIndex()).isPositive();

		assertThat(this.mongo.findById(patient, PatientIndex.class))
			.isEqualTo(new PatientIndex(patient, null, "LOW", LATER, null, "program-a", List.of(), Map.of()));
	}

	@Test
	void publishingAPatientsEventsNeverFailsTheNextWriteOfItsDocument() {
		String patient = "patient-" + System.nanoTime();
		PatientFile first = fresh(patient, LATER);
		first = first.next(first.state(), LATER, List.of(entry(patient, 1)));
		this.store.writeAll(List.of(new PatientStore.Change(null, first)));
		PatientFile read = this.store.find(patient).orElseThrow();
		assertThat(read.outbox()).hasSize(1);

		// the relay publishes the event and removes it while a batch holds the document
		this.relay.drainOnce();
		assertThat(this.mongo.findById(patient, PatientFile.class).outbox()).isEmpty();

		// the batch's write goes through (it failed its optimistic lock on the relay's
		// version bump, and the whole batch was redone) and adds only its own event: the
		// published one is not saved back to be published again
		OutboxEntry second = entry(patient, 2);
		this.store.writeAll(List.of(new PatientStore.Change(read, read.next(read.state(), LATER, List.of(second)))));
		PatientFile written = this.mongo.findById(patient, PatientFile.class);
		assertThat(written.outbox()).extracting(OutboxEntry::eventId).containsExactly(second.eventId());
		assertThat(written.version()).isEqualTo(read.version() + 1);
		assertThat(written.nextEvaluationAt()).isEqualTo(LATER);
	}

	private OutboxEntry entry(String patient, int revision) {
		return this.events.entry(new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, false, List.of(),
				List.of(), List.of(), "test", LATER), LATER);
	}

	private static PatientFile fresh(String patientId, Instant nextLook) {
		PatientFile file = PatientFile.start(PatientState.start(patientId, "program-a"));
		return file.next(file.state(), nextLook, List.of());
	}

}
