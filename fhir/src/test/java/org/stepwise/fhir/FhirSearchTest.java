package org.stepwise.fhir;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Worked examples of the search parameters every Stepwise FHIR search shares. */
class FhirSearchTest {

	static final Instant NINE = Instant.parse("2026-12-06T09:00:00Z");

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
	void everyBoundMustHold() {
		FhirSearch window = FhirSearch.of("p-1", List.of("ge2026-12-06", "lt2026-12-06T09:00:00Z"), null, null);
		assertThat(window.updated(NINE)).isFalse();
		assertThat(window.updated(NINE.minusSeconds(1))).isTrue();
	}

	@Test
	void thePatientIsAnIdOrAReferenceAndPagesHaveDefaults() {
		FhirSearch search = FhirSearch.of("Patient/p-1", null, null, null);
		assertThat(search.patientId()).isEqualTo("p-1");
		assertThat(search.count()).isEqualTo(FhirSearch.DEFAULT_COUNT);
		assertThat(search.offset()).isZero();
		assertThat(search.updated(NINE)).isTrue();
	}

	@Test
	void badParametersAreNamedNotEchoed() {
		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> FhirSearch.of("Patient/../x", List.of("soon"), "0", "-1"))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(400))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::message)
				.containsExactly(
						"the search parameter patient must be Patient/<id> or <id>, the id matching "
								+ Identifiers.PATTERN,
						"the search parameter _lastUpdated must be a prefix (eq, ge, gt, le, lt) and a date or a "
								+ "dateTime with a time zone",
						"the search parameter _count must be a whole number from 1 to 100",
						"the search parameter _offset must be a whole number from 0"));
		assertThatExceptionOfType(FhirRejection.class).isThrownBy(() -> FhirSearch.of(null, null, null, null))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::message)
				.containsExactly("the search parameter patient is required"));
	}

	private static boolean matches(String lastUpdated) {
		return FhirSearch.of("p-1", List.of(lastUpdated), null, null).updated(NINE);
	}

}
