package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Worked examples of the Observation search parameters. */
class ObservationSearchTest {

	static final Observation PHQ9_AT_NINE = observation("44261-6", "2026-12-06T09:00:00Z");

	@Test
	void lastUpdatedBoundsAreInclusiveOrExclusiveAsTheirPrefixSays() {
		assertThat(matches("ge2026-12-06T09:00:00Z")).isTrue();
		assertThat(matches("gt2026-12-06T09:00:00Z")).isFalse();
		assertThat(matches("le2026-12-06T09:00:00Z")).isTrue();
		assertThat(matches("lt2026-12-06T09:00:00Z")).isFalse();
		assertThat(matches("2026-12-06")).isTrue();
		assertThat(matches("eq2026-12-05")).isFalse();
		assertThat(matches("gt2026-12-05")).isTrue();
		assertThat(matches("ge2026-12-06T10:00:00+01:00")).isTrue();
	}

	@Test
	void aCodeMatchesAnyCodingWithOrWithoutItsSystem() {
		assertThat(search("44261-6").matches(PHQ9_AT_NINE)).isTrue();
		assertThat(search("http://loinc.org|44261-6").matches(PHQ9_AT_NINE)).isTrue();
		assertThat(search("http://snomed.info/sct|44261-6").matches(PHQ9_AT_NINE)).isFalse();
		assertThat(search("70274-6").matches(PHQ9_AT_NINE)).isFalse();
	}

	@Test
	void badParametersAreNamedNotEchoed() {
		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> ObservationSearch.of("Patient/../x", null, List.of("soon"), "0", "-1"))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::message)
				.containsExactly(
						"the search parameter patient must be Patient/<id> or <id>, the id matching "
								+ org.stepwise.contracts.Identifiers.PATTERN,
						"the search parameter _lastUpdated must be a prefix (eq, ge, gt, le, lt) and a date or a "
								+ "dateTime with a time zone",
						"the search parameter _count must be a whole number from 1 to 100",
						"the search parameter _offset must be a whole number from 0"));
	}

	private static boolean matches(String lastUpdated) {
		return ObservationSearch.of("p-1", null, List.of(lastUpdated), null, null).matches(PHQ9_AT_NINE);
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
