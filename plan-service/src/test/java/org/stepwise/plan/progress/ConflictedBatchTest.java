package org.stepwise.plan.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

/**
 * A batch's bulk write is unordered: when another writer (a request, another instance's
 * pass) changed one patient meanwhile, the other patients' documents are written with
 * their events before the conflict is reported, and the batch is redone for what is left.
 * Those events must be published at once, not at the relay's next sweep (5 minutes in
 * plan-service): nothing else nudges the relay for them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.cloud.stream.kafka.binder.configuration.auto.offset.reset=latest" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ConflictedBatchTest {

	@MockitoSpyBean
	PatientStore store;

	@Autowired
	Evaluations evaluations;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theEventsOfDocumentsWrittenBeforeAConflictArePublishedAtOnce() {
		String written = "patient-written-" + System.nanoTime();
		String conflicted = "patient-conflicted-" + System.nanoTime();
		AtomicBoolean conflict = new AtomicBoolean();
		AtomicBoolean withEvents = new AtomicBoolean();
		doAnswer((call) -> {
			List<PatientStore.Change> changes = call.getArgument(0);
			if (changes.size() == 2 && conflict.compareAndSet(false, true)) {
				// as an unordered bulk write does on MongoDB: one document written, the
				// other lost to a concurrent writer
				List<PatientStore.Change> first = changes.stream()
					.filter((change) -> change.after().patientId().equals(written))
					.toList();
				withEvents.set(!first.get(0).added().isEmpty());
				this.store.writeAll(first);
				throw new OptimisticLockingFailureException("a patient document changed during the batch");
			}
			return call.callRealMethod();
		}).when(this.store).writeAll(anyList());

		this.evaluations.apply(List.of(facts(written), facts(conflicted)), "test");

		assertThat(conflict).isTrue();
		assertThat(withEvents).as("the written patient's document had events to publish").isTrue();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(List.of(written, conflicted)).allSatisfy((patient) -> {
				PatientFile file = this.mongo.findById(patient, PatientFile.class);
				assertThat(file).as(patient).isNotNull();
				assertThat(file.outbox()).as("events still to publish").isEmpty();
			}));
	}

	/** Two unexcused no-shows in a row last week: a disengagement signal to publish. */
	private static Evaluations.Facts facts(String patient) {
		Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS);
		List<StepwiseEvent> events = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int daysAgo : new int[] { 6, 4 }) {
			Instant at = noon.minus(daysAgo, ChronoUnit.DAYS);
			ids.add(patient + "/r" + daysAgo);
			events.add(new AttendanceRecorded(patient + "/r" + daysAgo, "session-" + daysAgo, "program-a", patient,
					SessionType.GROUP, AttendanceStatus.NO_SHOW, 0, 180, at, at));
		}
		return new Evaluations.Facts(patient, "program-a", ids, events);
	}

}
