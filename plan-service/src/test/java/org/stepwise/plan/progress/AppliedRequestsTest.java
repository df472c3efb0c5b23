package org.stepwise.plan.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.plan.plans.domain.PatientState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotent API requests ride on the patient's document, bounded by count and by age.
 */
class AppliedRequestsTest {

	static final Instant NOW = Instant.parse("2026-03-02T18:00:00Z");

	@Test
	void aRequestIsRememberedForADayAndThenForgotten() {
		PatientFile file = PatientFile.startFor("p1").withAppliedRequest("req-1", "fp-1", NOW);

		assertThat(file.appliedRequest("req-1", NOW.plus(Duration.ofHours(23)))).contains("fp-1");
		assertThat(file.appliedRequest("req-1", NOW.plus(Duration.ofHours(24)))).isEmpty();
		assertThat(file.appliedRequest("req-2", NOW)).isEmpty();
		// the next request recorded drops the expired one
		assertThat(file.withAppliedRequest("req-2", "fp-2", NOW.plus(Duration.ofHours(25))).appliedRequests())
			.extracting(PatientFile.AppliedRequest::id)
			.containsExactly("req-2");
	}

	@Test
	void theLatestTwentyAreKept() {
		PatientFile file = PatientFile.startFor("p1");
		for (int i = 0; i < 25; i++) {
			file = file.withAppliedRequest("req-" + i, "fp-" + i, NOW.plusSeconds(i));
		}

		assertThat(file.appliedRequests()).hasSize(PatientFile.REQUESTS_KEPT);
		assertThat(file.appliedRequest("req-4", NOW.plusSeconds(30))).isEmpty();
		assertThat(file.appliedRequest("req-5", NOW.plusSeconds(30))).contains("fp-5");
	}

	@Test
	void requestsOfAnOldDocumentAreCarriedOverUntilTheNextRequestIsRecorded() {
		List<String> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add("event-" + i);
			ids.add("request:req-" + i + ":fp-" + i);
		}
		PatientFile old = PatientFile.start(PatientState.start("p1", "program-a")).withLegacyRequests(ids);

		assertThat(old.appliedRequests()).hasSize(PatientFile.REQUESTS_KEPT);
		assertThat(old.appliedRequest("req-29", NOW)).contains("fp-29");
		assertThat(old.appliedRequest("req-9", NOW)).isEmpty();
		// an event write keeps them, a request recorded replaces them
		assertThat(old.next(old.state(), null, List.of()).appliedRequest("req-29", NOW)).contains("fp-29");
		assertThat(old.withAppliedRequest("req-x", "fp-x", NOW).appliedRequests())
			.extracting(PatientFile.AppliedRequest::id)
			.containsExactly("req-x");
	}

}
