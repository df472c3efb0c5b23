package org.stepwise.plan.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.programs.ProgramRequest;
import org.stepwise.plan.programs.Programs;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S13 on the real broker and database (issue 22): a patient of an adolescent program who
 * misses two family sessions in a row gets the signal, in words, on
 * {@code stepwise.progress.v1}; the same misses in a program without types (the seeded
 * program-a) do not raise it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class FamilySessionsSignalTest {

	/** Tuesday 3 March 2026, 16:00 in Chicago. */
	static final Instant FIRST = Instant.parse("2026-03-03T22:00:00Z");

	@Autowired
	Programs programs;

	@Test
	void anAdolescentWhoMissesTwoFamilySessionsGetsTheSignal() {
		String program = "teen-" + System.nanoTime();
		this.programs.save(program, new ProgramRequest("Teen IOP", ProgramType.ADOLESCENT, "America/Chicago",
				"ADOLESCENT", null, null, null, List.of(ProgramType.ADDICTION, ProgramType.ADOLESCENT)), true);
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRESS)) {
			TestEvents.publish(familyNoShow(program, patient, "f1", FIRST));
			TestEvents.publish(familyNoShow(program, patient, "f2", FIRST.plus(7, ChronoUnit.DAYS)));

			SignalFired s13 = awaitSignal(probe, patient, "S13");
			assertThat(s13.kind()).isEqualTo("FAMILY_SESSIONS_MISSED");
			assertThat(s13.severity()).isEqualTo(Severity.MEDIUM);
			assertThat(s13.evidence()).isEqualTo("2 family sessions missed in a row: 3 and 10 March");
		}
	}

	@Test
	void aProgramWithoutTypesDoesNotWatchFamilySessions() {
		String patient = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.PROGRESS)) {
			TestEvents.publish(familyNoShow("program-a", patient, "f1", FIRST));
			TestEvents.publish(familyNoShow("program-a", patient, "f2", FIRST.plus(7, ChronoUnit.DAYS)));

			// the same no-shows are two in a row of all sessions: S9, as before
			awaitSignal(probe, patient, "S9");
			assertThat(probe.quietFor(patient, Duration.ofSeconds(2))).allSatisfy(
					(event) -> assertThat(((ProgressAssessed) event.data()).signals()).extracting(SignalFired::id)
						.doesNotContain("S13"));
		}
	}

	/** The first progress event of the patient that carries the signal. */
	private static SignalFired awaitSignal(TopicProbe probe, String patient, String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			List<EventEnvelope<StepwiseEvent>> events = probe.awaitEvents(patient, seen + 1, Duration.ofSeconds(30));
			for (EventEnvelope<StepwiseEvent> event : events.subList(seen, events.size())) {
				for (SignalFired signal : ((ProgressAssessed) event.data()).signals()) {
					if (signal.id().equals(id)) {
						return signal;
					}
				}
			}
			seen = events.size();
		}
		throw new AssertionError(id + " was not published for the patient");
	}

	private static EventEnvelope<AttendanceRecorded> familyNoShow(String program, String patient, String session,
			Instant at) {
		return EventEnvelope.of("/test", new AttendanceRecorded(patient + "/" + session, patient + "-" + session,
				program, patient, SessionType.FAMILY, AttendanceStatus.NO_SHOW, 0, 60, at, at), at);
	}

}
