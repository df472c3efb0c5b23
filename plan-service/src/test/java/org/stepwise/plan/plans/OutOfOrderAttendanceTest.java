package org.stepwise.plan.plans;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.PlanServiceTest;
import org.stepwise.plan.progress.ClinicalClock;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.PatientFileRepository;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Out-of-order data on the real broker (issue 18): a patient who attended every session
 * and checked in every day, whose three weeks of facts reach plan-service newest first
 * (each attendance before its session's scheduling event, as in a replay or a
 * redelivery), each applied and evaluated on its own, never gets an absence-based signal
 * (S9-S12), so alert-service has nothing to raise and withdraw. The same replay without
 * the attendance records does give one, so the signals this test looks for do fire here.
 */
@PlanServiceTest
class OutOfOrderAttendanceTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/** Day 0, a Monday in the past. */
	static final LocalDate START = LocalDate.of(2026, 10, 5);

	static final int DAYS = 21;

	static final Set<String> ABSENCE = Set.of("S9", "S10", "S11", "S12");

	@Autowired
	TestRestTemplate http;

	@Autowired
	PatientFileRepository patients;

	@Autowired
	ClinicalClock clinicalClock;

	@Test
	void aReplayNewestFirstRaisesNoAbsenceSignal() {
		String attending = "reversed-" + System.nanoTime();
		String absent = "absent-" + System.nanoTime();
		PlanServiceTest.CLOCK.set(at(0, 7, 0));
		enrol(attending);
		enrol(absent);
		// the replay arrives on the morning of day 21
		PlanServiceTest.CLOCK.set(at(DAYS, 9, 0));
		Set<String> attendingSignals = replay(attending, true);
		Set<String> absentSignals = replay(absent, false);
		// once the facts have been quiet for the settle time, absence is judged
		PlanServiceTest.CLOCK.set(at(DAYS, 9, 15));
		this.clinicalClock.evaluateDue();
		attendingSignals.addAll(signals(attending));
		absentSignals.addAll(signals(absent));

		assertThat(attendingSignals).as("absence signals of a patient who attended everything")
			.doesNotContainAnyElementsOf(ABSENCE);
		assertThat(absentSignals).as("absence signals of a patient whose sessions have no record")
			.containsAnyElementsOf(ABSENCE);
	}

	/**
	 * Mon/Wed/Fri sessions (attended, or without any record) and a check-in every day,
	 * newest first, each fact applied before the next is sent; every signal the patient's
	 * state carried on the way.
	 */
	private Set<String> replay(String patient, boolean attended) {
		Set<String> seen = new HashSet<>();
		for (int day = DAYS - 1; day >= 0; day--) {
			String checkIn = "ci-" + patient + "-" + day;
			publish(checkIn(checkIn, patient, at(day, 20, 0)));
			// also the proof that the session before it (same partition) was applied: the
			// state drops a session once it has its record
			awaitApplied(patient,
					(file) -> file.state()
						.projection()
						.checkIns()
						.stream()
						.anyMatch((mark) -> mark.checkInId().equals(checkIn)),
					seen);
			if (day % 7 == 0 || day % 7 == 2 || day % 7 == 4) {
				String session = patient + "-s-" + day;
				if (attended) {
					publish(attendance(patient, session, day));
					awaitApplied(patient,
							(file) -> file.state()
								.projection()
								.attendance()
								.stream()
								.anyMatch((mark) -> mark.sessionId().equals(session)),
							seen);
				}
				publish(session(patient, session, day));
			}
		}
		// today's check-in, the last fact: everything before it is applied
		String today = "ci-" + patient + "-" + DAYS;
		publish(checkIn(today, patient, at(DAYS, 8, 0)));
		awaitApplied(patient,
				(file) -> file.state()
					.projection()
					.checkIns()
					.stream()
					.anyMatch((mark) -> mark.checkInId().equals(today)),
				seen);
		return seen;
	}

	private static void publish(StepwiseEvent event) {
		TestEvents.publish(EventEnvelope.of("/test", event, PlanServiceTest.CLOCK.instant()));
	}

	/** Waits until the patient's file shows a fact applied; notes its signals then. */
	private void awaitApplied(String patient, Predicate<PatientFile> applied, Set<String> seen) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.patients.findById(patient).map(applied::test).orElse(false));
		seen.addAll(signals(patient));
	}

	private List<String> signals(String patient) {
		return this.patients.findById(patient)
			.map((file) -> file.state().signals().stream().map(SignalFired::id).toList())
			.orElse(List.of());
	}

	private void enrol(String patient) {
		String admin = TestTokens.token("clinician-a", List.of("clinician", "program-admin"), List.of("program-a"),
				"clinician-a", null);
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(admin);
		assertThat(this.http.exchange("/api/v1/plans", HttpMethod.POST,
				new HttpEntity<>(Map.ofEntries(Map.entry("patientId", patient), Map.entry("programId", "program-a"),
						Map.entry("levelOfCare", Map.of("code", "2.1", "edition", 3)), Map.entry("adolescent", false),
						Map.entry("weeklyHours", 9), Map.entry("sessionsPerWeek", 3),
						Map.entry("careTeam", List.of("clinician-a")), Map.entry("mode", "AUTOMATIC"),
						Map.entry("startDate", START.toString())), headers),
				JsonNode.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private static StepwiseEvent session(String patient, String session, int day) {
		return new SessionScheduled(session, "program-a", patient, SessionType.GROUP, Modality.CBT, at(day, 9, 0),
				at(day, 12, 0), "facilitator-1", at(0, 7, 0));
	}

	private static StepwiseEvent attendance(String patient, String session, int day) {
		return new AttendanceRecorded("r-" + session, session, "program-a", patient, SessionType.GROUP,
				AttendanceStatus.ATTENDED, 180, 180, at(day, 9, 0), at(day, 12, 30));
	}

	private static StepwiseEvent checkIn(String checkInId, String patient, Instant at) {
		return new CheckInSubmitted(checkInId, "program-a", patient, 6, 2, false, List.of(), BigDecimal.valueOf(7), 3,
				true, Set.of(), at, at, 8, false, null);
	}

	static Instant at(int day, int hour, int minute) {
		return START.plusDays(day).atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
	}

}
