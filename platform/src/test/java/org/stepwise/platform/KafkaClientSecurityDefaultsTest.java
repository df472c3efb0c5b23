package org.stepwise.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compose runs Kafka with SASL/SCRAM on the services' listener, the local stack and the
 * tests with PLAINTEXT: stepwise-defaults.yml turns the environment into the client
 * settings of the binder and of the outbox publisher alike.
 */
class KafkaClientSecurityDefaultsTest {

	static final String BINDER = "spring.cloud.stream.kafka.binder.configuration";

	@Test
	void withoutSettingsEveryClientStaysOnPlaintext() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty(BINDER + "[security.protocol]")).isEqualTo("PLAINTEXT");
		assertThat(environment.getProperty("stepwise.kafka.security-protocol")).isEqualTo("PLAINTEXT");
	}

	@Test
	void composesSettingsSignTheBinderAndThePublisherInWithScram() {
		StandardEnvironment environment = environment(
				Map.of("STEPWISE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "STEPWISE_KAFKA_SASL_MECHANISM",
						"SCRAM-SHA-512", "STEPWISE_KAFKA_USERNAME", "stepwise", "STEPWISE_KAFKA_PASSWORD", "0123abcd"));
		for (String prefix : new String[] { BINDER + "[security.protocol]", "stepwise.kafka.security-protocol" }) {
			assertThat(environment.getProperty(prefix)).isEqualTo("SASL_PLAINTEXT");
		}
		assertThat(environment.getProperty(BINDER + "[sasl.mechanism]")).isEqualTo("SCRAM-SHA-512");
		String login = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"stepwise\" "
				+ "password=\"0123abcd\";";
		assertThat(environment.getProperty(BINDER + "[sasl.jaas.config]")).isEqualTo(login);
		assertThat(environment.getProperty("stepwise.kafka.sasl-jaas-config")).isEqualTo(login);
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test-environment", variables));
		new PlatformDefaults().postProcessEnvironment(environment, null);
		return environment;
	}

}
