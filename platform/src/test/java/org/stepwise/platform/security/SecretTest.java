package org.stepwise.platform.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTest {

	record WebhookProperties(Secret signingSecret) {
	}

	@Test
	void aSecretBindsFromConfigurationAndNeverPrintsItself() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("hook.signing-secret", "s3cr3t-value")));
		WebhookProperties properties = binder.bind("hook", WebhookProperties.class).get();

		assertThat(properties.signingSecret().reveal()).isEqualTo("s3cr3t-value");
		assertThat(properties.toString()).doesNotContain("s3cr3t").contains("Secret[****]");
		assertThat(properties.signingSecret().matches("s3cr3t-value")).isTrue();
		assertThat(properties.signingSecret().matches("guess")).isFalse();
	}

}
