package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked examples of the Observation search's own parameter, code (the shared ones:
 * FhirSearchTest).
 */
class ObservationSearchTest {

	static final Observation PHQ9_AT_NINE = observation("44261-6", "2026-12-06T09:00:00Z");

	@Test
	void aCodeMatchesAnyCodingWithOrWithoutItsSystem() {
		assertThat(search("44261-6").matches(PHQ9_AT_NINE)).isTrue();
		assertThat(search("http://loinc.org|44261-6").matches(PHQ9_AT_NINE)).isTrue();
		assertThat(search("http://snomed.info/sct|44261-6").matches(PHQ9_AT_NINE)).isFalse();
		assertThat(search("70274-6").matches(PHQ9_AT_NINE)).isFalse();
	}

	@Test
	void theCodeAndLastUpdatedMustBothMatch() {
		assertThat(ObservationSearch.of("p-1", "44261-6", List.of("gt2026-12-06"), null, null).matches(PHQ9_AT_NINE))
			.isFalse();
		assertThat(ObservationSearch.of("p-1", "44261-6", List.of("2026-12-06"), null, null).matches(PHQ9_AT_NINE))
			.isTrue();
	}

	private static ObservationSearch search(String code) {
		return ObservationSearch.of("Patient/p-1", code, null, null, null);
	}

	private static Observation observation(String loinc, String lastUpdated) {
		Observation observation = new Observation();
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, null)));
		observation.getMeta().setLastUpdated(Date.from(Instant.parse(lastUpdated)));
		return observation;
	}

}
