package org.stepwise.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages of a search and their links, as a FHIR client follows them. */
class SearchSetsTest {

	@AfterEach
	void forgetTheRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void theLinksCarryTheSearchEncodedOnceAndTheNextPagesOffset() {
		search("patient=p-1&code=http://loinc.org%7C44261-6&_count=2");
		List<Observation> matches = List.of(observation("a", 1), observation("b", 2), observation("c", 3));

		Bundle page = SearchSets.page(matches, FhirSearch.of("p-1", null, "2", null));

		assertThat(page.getTotal()).isEqualTo(3);
		assertThat(page.getEntry()).extracting((entry) -> entry.getResource().getIdPart()).containsExactly("a", "b");
		assertThat(page.getEntry().get(0).getFullUrl()).isEqualTo("http://localhost/fhir/r4/Observation/a");
		assertThat(page.getLink("self").getUrl())
			.isEqualTo("http://localhost/fhir/r4/Observation?patient=p-1&code=http://loinc.org%7C44261-6&_count=2");
		assertThat(page.getLink("next").getUrl()).isEqualTo(
				"http://localhost/fhir/r4/Observation?patient=p-1&code=http://loinc.org%7C44261-6&_offset=2&_count=2");
	}

	@Test
	void theLastPageHasNoNextLink() {
		search("patient=p-1&_offset=2&_count=2");

		Bundle page = SearchSets.page(List.of(observation("a", 1), observation("b", 2), observation("c", 3)),
				FhirSearch.of("p-1", null, "2", "2"));

		assertThat(page.getEntry()).extracting((entry) -> entry.getResource().getIdPart()).containsExactly("c");
		assertThat(page.getLink("next")).isNull();
	}

	private static void search(String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/r4/Observation");
		request.setQueryString(query);
		for (String parameter : query.split("&")) {
			String[] pair = parameter.split("=", 2);
			request.addParameter(pair[0], java.net.URLDecoder.decode(pair[1], java.nio.charset.StandardCharsets.UTF_8));
		}
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private static Observation observation(String id, int minute) {
		Observation observation = new Observation();
		observation.setId(id);
		observation.getMeta()
			.setLastUpdated(Date.from(Instant.parse("2026-12-06T09:00:00Z").plusSeconds(60L * minute)));
		return observation;
	}

}
