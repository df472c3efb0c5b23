package org.stepwise.alert.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.stepwise.contracts.Severity;

/**
 * Acknowledgement targets per severity (CLINICAL.md section 6, convention): CRITICAL 15
 * minutes, HIGH 24 hours, MEDIUM 72 hours, LOW informational (never escalates). An alert
 * not acknowledged by then escalates. Pure.
 */
@ConfigurationProperties("stepwise.escalation")
public record EscalationPolicy(@DefaultValue("15m") Duration critical, @DefaultValue("24h") Duration high,
		@DefaultValue("72h") Duration medium, @Nullable Duration low) {

	public static final EscalationPolicy DEFAULTS = new EscalationPolicy(Duration.ofMinutes(15), Duration.ofHours(24),
			Duration.ofHours(72), null);

	public Optional<Duration> target(Severity severity) {
		return Optional.ofNullable(switch (severity) {
			case CRITICAL -> this.critical;
			case HIGH -> this.high;
			case MEDIUM -> this.medium;
			case LOW -> this.low;
		});
	}

	/**
	 * When an alert of this severity escalates if still unacknowledged: counted from
	 * {@code since} (when it was raised or reached this severity), never later than an
	 * escalation already due.
	 */
	public @Nullable Instant escalateAt(Severity severity, Instant since, @Nullable Instant alreadyDue) {
		Instant due = target(severity).map(since::plus).orElse(null);
		if (due == null) {
			return alreadyDue;
		}
		return (alreadyDue != null && alreadyDue.isBefore(due)) ? alreadyDue : due;
	}

}
