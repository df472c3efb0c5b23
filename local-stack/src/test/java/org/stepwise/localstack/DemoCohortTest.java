package org.stepwise.localstack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoCohortTest {

	@Test
	void theDemoFlagIsTheLaunchersNotTheStacks() {
		String[] args = { "--demo", "--kafka-port", "19092" };
		assertThat(DemoCohort.requested(args)).isTrue();
		assertThat(DemoCohort.withoutFlag(args)).containsExactly("--kafka-port", "19092");
		assertThat(StackOptions.parse(DemoCohort.withoutFlag(args)).kafkaPort()).isEqualTo(19092);
		assertThat(DemoCohort.requested(new String[] { "--infra-only" })).isFalse();
	}

	@Test
	void theCohortGoesToThisStacksServicesWithItsIdentityProvider() {
		StackOptions options = StackOptions.parse("--service-ports", "18081,18082,18083,18084", "--idp-port", "19000");
		List<String> args = List.of(DemoCohort.arguments(options));
		assertThat(args)
			.containsSequence("--base-urls", "http://127.0.0.1:18081,http://127.0.0.1:18082,http://127.0.0.1:18083")
			.containsSequence("--token-url", "http://127.0.0.1:19000/oauth2/token")
			.containsSequence("--program", "program-a");
	}

	@Test
	void aSecondRunOnTheSameDataSaysAlreadyLoadedInsteadOfListingConflicts() {
		// what a second --demo answers: the plans are there (409), the rest are
		// idempotent replays (2xx)
		Map<String, Map<Integer, Long>> secondRun = Map.of("POST /api/v1/plans", Map.of(409, 12L),
				"POST /api/v1/sessions", Map.of(200, 96L), "POST /api/v1/check-ins", Map.of(200, 500L));
		assertThat(DemoCohort.outcome(secondRun))
			.isEqualTo("demo cohort already loaded (12 requests found their data there)");
		assertThat(DemoCohort.outcome(Map.of("POST /api/v1/plans", Map.of(201, 12L))))
			.isEqualTo("done: 12 requests played");
		assertThat(DemoCohort.outcome(Map.of("POST /api/v1/plans", Map.of(409, 10L, 503, 2L), "POST /api/v1/sessions",
				Map.of(201, 96L, 0, 1L))))
			.startsWith("3 of 109 requests failed")
			.contains("POST /api/v1/plans={503=2}", "POST /api/v1/sessions={0=1}")
			.doesNotContain("409");
	}

	@Test
	void theDemoAsksForTheDemoAccounts() {
		assertThat(DemoCohort.stackOptions(new String[] { "--demo", "--idp-port", "19000" })).satisfies((options) -> {
			assertThat(options.demoAccounts()).as("the cohort signs in with them").isTrue();
			assertThat(options.idpPort()).isEqualTo(19000);
		});
		assertThat(DemoCohort.stackOptions(new String[] { "--idp-port", "19000" }).demoAccounts()).isFalse();
	}

	@Test
	void thereIsNoDemoWithoutTheServices() {
		StackOptions infraOnly = StackOptions.parse("--infra-only");
		assertThatExceptionOfType(StackException.class).isThrownBy(() -> DemoCohort.arguments(infraOnly))
			.withMessageContaining("--infra-only");
	}

}
