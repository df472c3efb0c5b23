package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patient documents and their index entries on the real database protocol: the clinical
 * clock finds due patients through the index, and documents written before the index
 * existed get their entries.
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

	@Test
	void everyWriteKeepsTheIndexEntryAndTheClockFindsDuePatientsThroughIt() {
		String due = "patient-" + System.nanoTime();
		String notYet = due + "-later";
		this.store.writeAll(List.of(fresh(due, LATER), fresh(notYet, LATER.plusSeconds(86_400))));

		assertThat(this.mongo.findById(due, PatientIndex.class))
			.isEqualTo(new PatientIndex(due, null, "LOW", LATER, null));
		assertThat(this.store.due(LATER, 100_000)).extracting(PatientFile::patientId)
			.contains(due)
			.doesNotContain(notYet);

		// the next write of the same patient moves its entry along
		PatientFile stored = this.store.load(List.of(due)).get(due);
		this.store.writeAll(List.of(stored.next(stored.state(), LATER.plusSeconds(172_800), List.of())));
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
			.isEqualTo(new PatientIndex(patient, null, "LOW", LATER, null));
	}

	private static PatientFile fresh(String patientId, Instant nextLook) {
		PatientFile file = PatientFile.start(PatientState.start(patientId, "program-a"));
		return file.next(file.state(), nextLook, List.of());
	}

}
