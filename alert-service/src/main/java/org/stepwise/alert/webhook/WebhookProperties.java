package org.stepwise.alert.webhook;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.stepwise.platform.security.Secret;

/**
 * Outgoing webhooks per program.
 *
 * @param secrets the HMAC-SHA256 signing secret per program id (configuration only:
 * secrets are not in events; never logged); a program without one gets no deliveries
 * @param maxAttempts attempts before a delivery fails for good
 * @param initialBackoff the wait after the first failed attempt, doubling after each
 * further one up to {@code maxBackoff}
 * @param timeout per attempt (connect and response)
 * @param pollInterval how often due deliveries are sent
 * @param maxEventAge alert events older than this are not delivered, so a first start (a
 * new consumer group reading the topic from the beginning) does not flood targets with
 * history
 */
@ConfigurationProperties("stepwise.webhooks")
public record WebhookProperties(@DefaultValue Map<String, Secret> secrets, @DefaultValue("6") int maxAttempts,
		@DefaultValue("2s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
		@DefaultValue("5s") Duration timeout, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("24h") Duration maxEventAge) {

	/** The wait after {@code attempts} failed attempts. */
	public Duration backoff(int attempts) {
		Duration wait = this.initialBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

	@Override
	public String toString() {
		return "WebhookProperties[secrets for " + this.secrets.keySet().size() + " programs, maxAttempts="
				+ this.maxAttempts + "]";
	}

}
