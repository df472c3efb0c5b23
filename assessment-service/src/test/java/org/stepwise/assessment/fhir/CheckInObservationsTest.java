package org.stepwise.assessment.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.junit.jupiter.api.Test;

import org.stepwise.assessment.checkin.CheckIn;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.fhir.R4Validation;

import static org.assertj.core.api.Assertions.assertThat;

/** Daily check-ins as survey Observations, valid R4 ({@link R4Validation}). */
class CheckInObservationsTest {

	static final Instant EVENING = Instant.parse("2026-12-06T20:00:00Z");

	@Test
	void aCheckInReportingUseIsPart2AndEveryAnswerIsAComponent() {
		Observation observation = CheckInObservations.of(checkIn(true, List.of("alcohol", "cannabis"), 3, true,
				HighRiskCategory.CELEBRATION, Set.of(SensitivityLabel.PART2)));

		assertThat(R4Validation.errors(observation)).isEmpty();
		assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("CHECK_IN");
		assertThat(observation.hasValue()).isFalse();
		assertThat(observation.getMeta().getSecurity()).extracting((coding) -> coding.getCode())
			.containsExactly("42CFRPart2", "R");
		assertThat(observation.getComponent()).extracting((c) -> c.getCode().getCodingFirstRep().getCode())
			.containsExactly("mood", "craving", "usedSinceLastCheckIn", "substances", "substances", "sleepHours",
					"stress", "medicationTakenAsPrescribed", "confidence", "highRiskSituation", "highRiskCategory");
		ObservationComponentComponent sleep = observation.getComponent().get(5);
		assertThat(sleep.getValueQuantity().getValue()).isEqualByComparingTo("6.5");
		assertThat(sleep.getValueQuantity().getCode()).isEqualTo("h");
	}

	@Test
	void skippedEarlyWarningItemsAreLeftOutAndACheckInWithoutUseIsNotPart2() {
		Observation observation = CheckInObservations.of(checkIn(false, List.of(), null, null, null, Set.of()));

		assertThat(R4Validation.errors(observation)).isEmpty();
		assertThat(observation.getMeta().getSecurity()).isEmpty();
		assertThat(observation.getComponent()).extracting((c) -> c.getCode().getCodingFirstRep().getCode())
			.doesNotContain("confidence", "highRiskSituation", "highRiskCategory", "substances");
	}

	private static CheckIn checkIn(boolean used, List<String> substances, Integer confidence, Boolean highRisk,
			HighRiskCategory category, Set<SensitivityLabel> labels) {
		return new CheckIn("c-1", "program-a", "patient-42", 4, 8, used, substances, new BigDecimal("6.5"), 7, true,
				confidence, highRisk, category, labels, EVENING, EVENING.plusSeconds(1), "fingerprint", List.of());
	}

}
