package org.stepwise.localstack;

import java.util.List;

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
	void thereIsNoDemoWithoutTheServices() {
		StackOptions infraOnly = StackOptions.parse("--infra-only");
		assertThatExceptionOfType(StackException.class).isThrownBy(() -> DemoCohort.arguments(infraOnly))
			.withMessageContaining("--infra-only");
	}

}
