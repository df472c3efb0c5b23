package org.stepwise.alert.fhir;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AlertSearchTest {

	@Test
	void statusesAreAlternativesWithOrWithoutTheirSystem() {
		AlertSearch search = AlertSearch.tasks("Patient/patient-1",
				List.of("requested,http://hl7.org/fhir/task-status|accepted"), null, "5", "10");

		assertThat(search.search().patientId()).isEqualTo("patient-1");
		assertThat(search.search().count()).isEqualTo(5);
		assertThat(search.search().offset()).isEqualTo(10);
		assertThat(search.statuses()).containsExactlyInAnyOrder("requested", "accepted");
		assertThat(search.status("accepted")).isTrue();
		assertThat(search.status("completed")).isFalse();
	}

	@Test
	void withoutAStatusEveryStatusMatches() {
		AlertSearch search = AlertSearch.flags("patient-1", null, null, null, null);

		assertThat(search.statuses()).isEmpty();
		assertThat(search.status("inactive")).isTrue();
		assertThat(AlertSearch.flags("patient-1", List.of("active"), null, null, null).status("inactive")).isFalse();
	}

	@Test
	void everyParameterAtFaultIsNamedAndNoValueIsEchoed() {
		FhirRejection rejected = catchThrowableOfType(FhirRejection.class,
				() -> AlertSearch.flags(null, List.of("active,patient-secret"), List.of("gtyesterday"), "0", null));

		assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(rejected.issues()).extracting(FhirIssue::message)
			.anySatisfy((m) -> assertThat(m).contains("patient is required"))
			.anySatisfy((m) -> assertThat(m).contains("status must be"))
			.anySatisfy((m) -> assertThat(m).contains("_lastUpdated"))
			.anySatisfy((m) -> assertThat(m).contains("_count"))
			.allSatisfy((m) -> assertThat(m).doesNotContain("patient-secret", "yesterday"));
		assertThat(catchThrowableOfType(FhirRejection.class,
				() -> AlertSearch.tasks("patient-1", List.of("open"), null, null, null))
			.issues()).hasSize(1);
	}

}
