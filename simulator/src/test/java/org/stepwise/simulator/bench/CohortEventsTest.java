package org.stepwise.simulator.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.simulator.cohort.Arrivals;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.ScheduledSession;

import static org.assertj.core.api.Assertions.assertThat;

class CohortEventsTest {

	private static final Cohort COHORT = CohortGenerator.generate(CohortSpec.of(5, 20, 12, LocalDate.of(2026, 9, 7)));

	@Test
	void everyObservationBecomesAnEventThatTheContractsCodecReadsBack() {
		EventCodec codec = new EventCodec();
		Set<String> ids = new HashSet<>();
		for (PatientHistory patient : COHORT.patients()) {
			List<EventEnvelope<StepwiseEvent>> events = CohortEvents.of(COHORT.spec(), patient, COHORT.sessionsByKey());
			assertThat(events)
				.hasSize(patient.attendance().size() + patient.checkIns().size() + patient.assessments().size());
			for (EventEnvelope<StepwiseEvent> event : events) {
				assertThat(event.subject()).isEqualTo(patient.patientId());
				assertThat(event.topic()).isIn(ReplayBench.INPUT_TOPICS);
				EventEnvelope<StepwiseEvent> decoded = codec.decode(codec.encode(event));
				assertThat(decoded).isEqualTo(event);
				assertThat(ids.add(event.id())).isTrue();
			}
			assertThat(events.stream().map(EventEnvelope::time).toList()).isSorted();
		}
		assertThat(CohortEvents.of(COHORT.spec(), COHORT.patients().getFirst(), COHORT.sessionsByKey()))
			.isEqualTo(CohortEvents.of(COHORT.spec(), COHORT.patients().getFirst(), COHORT.sessionsByKey()));
	}

	@Test
	void aPatientsEventsOfADayComeInTheOrderTheDriverSendsThemFactByFact() {
		Map<String, ScheduledSession> sessions = COHORT.sessionsByKey();
		ZoneId zone = COHORT.spec().zone();
		int compared = 0;
		for (PatientHistory patient : COHORT.patients()) {
			Map<LocalDate, List<String>> events = new TreeMap<>();
			for (EventEnvelope<StepwiseEvent> event : CohortEvents.of(COHORT.spec(), patient, sessions)) {
				String key = switch (event.data()) {
					case AttendanceRecorded r -> "attendance " + r.occurredAt();
					case CheckInSubmitted c -> "check-in " + c.occurredAt();
					case AssessmentScored a -> a.instrument() + " " + a.occurredAt();
					default -> throw new IllegalStateException();
				};
				Instant at = switch (event.data()) {
					case AttendanceRecorded r -> r.occurredAt();
					case CheckInSubmitted c -> c.occurredAt();
					case AssessmentScored a -> a.occurredAt();
					default -> throw new IllegalStateException();
				};
				events.computeIfAbsent(LocalDate.ofInstant(at, zone), (d) -> new ArrayList<>()).add(key);
			}
			for (int day = 0; day < COHORT.spec().days(); day++) {
				List<String> sent = Arrivals.ofDay(patient, sessions, day).stream().map((fact) -> switch (fact) {
					case Observations.Attendance a -> "attendance " + sessions.get(a.sessionKey()).startsAt();
					case Observations.CheckIn c -> "check-in " + c.occurredAt();
					case Observations.Assessment a -> a.instrument() + " " + a.occurredAt();
				}).toList();
				assertThat(sent).isEqualTo(events.getOrDefault(COHORT.spec().day(day), List.of()));
				compared += (sent.size() > 1) ? 1 : 0;
			}
		}
		assertThat(compared).as("days with more than one fact").isGreaterThan(100);
	}

	@Test
	void assessmentsAreScoredAsAssessmentServiceScoresThem() {
		List<AssessmentScored> scored = COHORT.patients()
			.stream()
			.flatMap((p) -> CohortEvents.of(COHORT.spec(), p, COHORT.sessionsByKey()).stream())
			.filter((e) -> e.topic().equals(Topics.ASSESSMENTS))
			.map((e) -> (AssessmentScored) e.data())
			.toList();
		assertThat(scored).filteredOn((a) -> a.instrument() == Instrument.PHQ9).allSatisfy((a) -> {
			assertThat(a.total()).isEqualTo(a.items().values().stream().mapToInt(Integer::intValue).sum());
			assertThat(a.safety() == SafetyLevel.CRITICAL).isEqualTo(a.items().get("9") >= 2);
		});
		assertThat(scored).filteredOn((a) -> a.instrument() == Instrument.BAM)
			.allSatisfy((a) -> assertThat(a.subscales()).containsOnlyKeys("use", "risk", "protective"));
		assertThat(scored).filteredOn((a) -> a.instrument() == Instrument.UDS)
			.extracting(AssessmentScored::band)
			.contains("positive", "negative");
		assertThat(scored).filteredOn((a) -> a.safety() == SafetyLevel.CRITICAL).isNotEmpty();
	}

}
