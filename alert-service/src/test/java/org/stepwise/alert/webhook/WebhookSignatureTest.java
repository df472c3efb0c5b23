package org.stepwise.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.platform.security.Secret;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

	@Test
	void signsWithHmacSha256AsRfc4231TestCase2() {
		assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void backOffDoublesUpToTheCapAndTheSecretsNeverPrint() {
		WebhookProperties properties = new WebhookProperties(Map.of("program-a", new Secret("s3cret")), 6,
				Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1),
				Duration.ofHours(24));
		assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(4));
		assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(8));
		assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backoff(60)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.toString()).doesNotContain("s3cret");
	}

}
