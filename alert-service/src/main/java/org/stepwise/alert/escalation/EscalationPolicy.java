package org.stepwise.alert.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.stepwise.contracts.Severity;

/**
 * Acknowledgement targets per severity (docs/clinical-rules.md section 6, convention):
 * CRITICAL 15 minutes, HIGH 24 hours, MEDIUM 72 hours, LOW informational (never
 * escalates). An alert not acknowledged by then escalates. Pure.
 */
@ConfigurationProperties("stepwise.escalation")
public record EscalationPolicy(@DefaultValue("15m") Duration critical, @DefaultValue("24h") Duration high,
		@DefaultValue("72h") Duration medium, @Nullable Duration low) {

	public static final EscalationPolicy DEFAULTS = new EscalationPolicy(Duration.ofMinutes(15), Duration.ofHours(24),
			Duration.ofHours(72), null);

	/** Program threshold overrides of these targets, by property name. */
	public static final String PREFIX = "stepwise.escalation.";

	/**
	 * This policy with a program's overrides ({@code stepwise.escalation.critical} and so
	 * on, as {@code 10m}, {@code 12h}, {@code 2d} or ISO-8601); values that do not parse
	 * are ignored, so one bad override never blocks a program's alerts.
	 */
	public EscalationPolicy withOverrides(Map<String, String> overrides) {
		if (overrides == null || overrides.isEmpty()) {
			return this;
		}
		return new EscalationPolicy(override(overrides, "critical", this.critical),
				override(overrides, "high", this.high), override(overrides, "medium", this.medium),
				override(overrides, "low", this.low));
	}

	private static @Nullable Duration override(Map<String, String> overrides, String name, @Nullable Duration current) {
		String value = overrides.get(PREFIX + name);
		if (value == null) {
			return current;
		}
		return parse(value.trim()).orElse(current);
	}

	static Optional<Duration> parse(String value) {
		try {
			if (value.startsWith("P") || value.startsWith("p")) {
				return Optional.of(Duration.parse(value));
			}
			if (value.length() < 2) {
				return Optional.empty();
			}
			long amount = Long.parseLong(value.substring(0, value.length() - 1));
			if (amount <= 0) {
				return Optional.empty();
			}
			return switch (value.charAt(value.length() - 1)) {
				case 's' -> Optional.of(Duration.ofSeconds(amount));
				case 'm' -> Optional.of(Duration.ofMinutes(amount));
				case 'h' -> Optional.of(Duration.ofHours(amount));
				case 'd' -> Optional.of(Duration.ofDays(amount));
				default -> Optional.empty();
			};
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

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
