package org.stepwise.simulator.bench;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.PatientHistory;

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
