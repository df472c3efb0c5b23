package org.stepwise.plan.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.testsupport.CapturedLogs;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

/**
 * The log policy on the failure path: a batch that fails on a transient error (here the
 * optimistic-lock conflict of crash recovery, several times over) is retried until it
 * succeeds, and no log line on the way names a patient of the batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.cloud.stream.kafka.binder.configuration.auto.offset.reset=latest" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class BatchFailureLogTest {

	static final Instant MONDAY = Instant.parse("2026-03-02T18:00:00Z");

	@MockitoSpyBean
	PatientStore store;

	@Autowired
	PatientFileRepository progress;

	@Test
	void aRetriedBatchIsLoggedWithOffsetsAndCountsButNoPatientId() {
		String patient = "patient-" + System.nanoTime();
		AtomicInteger failures = new AtomicInteger();
		doAnswer((call) -> {
			List<PatientStore.Change> changes = call.getArgument(0);
			if (changes.stream().anyMatch((change) -> change.after().patientId().equals(patient))
					&& failures.get() < 8) {
				failures.incrementAndGet();
				throw new OptimisticLockingFailureException("a patient document changed during the batch");
			}
			return call.callRealMethod();
		}).when(this.store).writeAll(anyList());

		try (CapturedLogs logs = CapturedLogs.open()) {
			TestEvents
				.publish(EventEnvelope.of("/test", new AttendanceRecorded(patient + "/r1", "session-r1", "program-a",
						patient, SessionType.GROUP, AttendanceStatus.NO_SHOW, 0, 180, MONDAY, MONDAY), MONDAY));

			await().atMost(Duration.ofSeconds(60)).until(() -> this.progress.findById(patient).isPresent());
			assertThat(failures).hasValue(8);
			assertThat(logs.linesContaining(List.of(patient))).isEmpty();
			assertThat(logs.lines()).as("the retries are logged").anyMatch((line) -> line.contains("retried"));
		}
	}

}
