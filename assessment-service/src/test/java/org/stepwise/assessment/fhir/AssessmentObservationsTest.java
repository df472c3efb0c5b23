package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.instrument.Instruments;
import org.stepwise.assessment.instrument.Score;
import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.fhir.R4Validation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scored instruments as survey Observations, each valid R4 ({@link R4Validation}): the
 * LOINC code of the total, the total, the items, the band and the safety level, and the
 * 42 CFR Part 2 labels where they apply.
 */
class AssessmentObservationsTest {

	static final Instruments INSTRUMENTS = Instruments.withDefaults();

	static final AssessmentObservations OBSERVATIONS = new AssessmentObservations(INSTRUMENTS);

	static final Instant TAKEN = Instant.parse("2026-12-06T09:30:00Z");

	@Test
	void aPhq9IsASurveyObservationWithItsLoincCodesTotalItemsBandAndSafetyLevel() {
		Observation observation = OBSERVATIONS
			.of(scored(Instrument.PHQ9, Submission.of(items(2, 2, 2, 2, 2, 2, 1, 1, 2))));

		assertThat(R4Validation.errors(observation)).isEmpty();
		assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
		assertThat(observation.getCode().getCoding()).extracting(Coding::getSystem, Coding::getCode)
			.contains(org.assertj.core.groups.Tuple.tuple("http://loinc.org", "44261-6"));
		assertThat(((IntegerType) observation.getValue()).getValue()).isEqualTo(16);
		assertThat(observation.getInterpretationFirstRep().getText()).isEqualTo("moderately severe");
		assertThat(observation.getComponent().get(8).getCode().getCoding().get(0).getCode()).isEqualTo("44260-8");
		assertThat(((IntegerType) observation.getComponent().get(8).getValue()).getValue()).isEqualTo(2);
		assertThat(observation.getComponent().get(9).getValueCodeableConcept().getCodingFirstRep().getCode())
			.isEqualTo("CRITICAL");
		assertThat(observation.getSubject().getReference()).isEqualTo("Patient/patient-42");
		assertThat(observation.getMeta().getSecurity()).isEmpty();
	}

	@Test
	void substanceUseInstrumentsCarryTheirPart2SecurityLabels() {
		Observation dast = OBSERVATIONS
			.of(scored(Instrument.DAST10, Submission.of(items(1, 0, 0, 1, 1, 0, 0, 0, 0, 0))));
		Observation auditC = OBSERVATIONS
			.of(scored(Instrument.AUDITC, new Submission(items(2, 1, 1), List.of(), Submission.Sex.FEMALE)));

		for (Observation observation : List.of(dast, auditC)) {
			assertThat(R4Validation.errors(observation)).isEmpty();
			assertThat(observation.getMeta().getSecurity()).extracting(Coding::getCode)
				.containsExactly("42CFRPart2", "R");
		}
		assertThat(dast.getCode().getCoding().get(0).getCode()).isEqualTo("82667-7");
		assertThat(((IntegerType) dast.getValue()).getValue()).isEqualTo(4);
		assertThat(dast.getInterpretationFirstRep().getText()).isEqualTo("moderate");
		assertThat(auditC.getInterpretationFirstRep().getText()).isEqualTo("positive");
	}

	@Test
	void anInstrumentWithoutALoincCodeOrATotalIsStillValid() {
		Observation cssrs = OBSERVATIONS.of(scored(Instrument.CSSRS, Submission.of(items(1, 1, 0, 0, 0, 0))));

		assertThat(R4Validation.errors(cssrs)).isEmpty();
		assertThat(cssrs.hasValue()).isFalse();
		assertThat(cssrs.getCode().getCoding()).extracting(Coding::getCode).containsExactly("CSSRS");
	}

	/** The validator finds what is wrong: it is not a test that passes whatever. */
	@Test
	void theValidatorRefusesAnObservationWithoutStatusAndWithAnEmptyCodeAndValue() {
		Observation observation = OBSERVATIONS
			.of(scored(Instrument.PHQ9, Submission.of(items(0, 0, 0, 0, 0, 0, 0, 0, 0))));
		observation.setStatus(null);
		observation.getComponentFirstRep().setValue(new IntegerType());
		observation.addCategory();

		assertThat(R4Validation.errors(observation)).anyMatch((error) -> error.contains("status"))
			.anyMatch((error) -> error.startsWith("ele-1"));
	}

	private static AssessmentRecord scored(Instrument instrument, Submission submission) {
		Score score = INSTRUMENTS.get(instrument).score(submission);
		return new AssessmentRecord("a-" + instrument, "program-a", "patient-42", instrument, submission.items(),
				score.total(), score.subscales(), score.band(), score.analytes(), score.safety(), score.labels(), TAKEN,
				TAKEN.plusSeconds(2), "fingerprint", List.of());
	}

	private static Map<String, Integer> items(int... responses) {
		return IntStream.range(0, responses.length)
			.boxed()
			.collect(java.util.stream.Collectors.toMap((i) -> Integer.toString(i + 1), (i) -> responses[i]));
	}

}
