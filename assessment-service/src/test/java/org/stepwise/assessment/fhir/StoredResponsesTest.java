package org.stepwise.assessment.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.checkin.CheckIn;
import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.Assessment;
import org.stepwise.assessment.instrument.Instruments;
import org.stepwise.assessment.instrument.Score;
import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.fhir.R4Validation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is stored reads back as a valid R4 QuestionnaireResponse that, submitted again,
 * maps onto the same request: the way in and the way out agree.
 */
class StoredResponsesTest {

	static final Instant TAKEN = Instant.parse("2026-12-06T09:30:00Z");

	@Test
	void aStoredPhq9ReadsBackAsTheResponseItWasWithLoincLinkIds() {
		Map<String, Integer> items = Map.of("1", 2, "2", 2, "3", 1, "4", 2, "5", 1, "6", 1, "7", 1, "8", 0, "9", 2);
		Score score = Instruments.withDefaults().get(Instrument.PHQ9).score(Submission.of(items));
		AssessmentRecord stored = new AssessmentRecord("a-1", "program-a", "patient-42", Instrument.PHQ9, items,
				score.total(), score.subscales(), score.band(), score.analytes(), score.safety(), score.labels(), TAKEN,
				TAKEN.plusSeconds(1), "fingerprint", List.of());

		QuestionnaireResponse response = StoredResponses.of(stored);
		Assessment again = (Assessment) QuestionnaireResponseMapping.map(response, "QuestionnaireResponse",
				Optional.empty());

		assertThat(R4Validation.errors(response)).isEmpty();
		assertThat(response.getItem().get(8).getLinkId()).isEqualTo("44260-8");
		assertThat(again.request().items()).isEqualTo(items);
		assertThat(again.request().occurredAt()).isEqualTo(TAKEN);
		assertThat(again.request().patientId()).isEqualTo("patient-42");
		assertThat(again.request().programId()).isEqualTo("program-a");
	}

	@Test
	void aStoredCheckInReadsBackAsTheResponseItWasWithItsPart2Labels() {
		CheckIn stored = new CheckIn("c-1", "program-a", "patient-42", 4, 8, true, List.of("alcohol", "cannabis"),
				new BigDecimal("6.5"), 7, true, null, null, null, Set.of(SensitivityLabel.PART2), TAKEN,
				TAKEN.plusSeconds(1), "fingerprint", List.of());

		QuestionnaireResponse response = StoredResponses.of(stored);
		QuestionnaireResponseMapping.CheckIn again = (QuestionnaireResponseMapping.CheckIn) QuestionnaireResponseMapping
			.map(response, "QuestionnaireResponse", Optional.empty());

		assertThat(R4Validation.errors(response)).isEmpty();
		assertThat(response.getMeta().getSecurity()).extracting((coding) -> coding.getCode())
			.containsExactly("42CFRPart2", "R");
		assertThat(again.request().substances()).containsExactly("alcohol", "cannabis");
		assertThat(again.request().sleepHours()).isEqualByComparingTo("6.5");
		assertThat(again.request().craving()).isEqualTo(8);
		assertThat(again.request().confidence()).isNull();
	}

}
