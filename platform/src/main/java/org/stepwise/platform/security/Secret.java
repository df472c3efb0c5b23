package org.stepwise.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret from configuration (e.g. a webhook signing secret): bind a
 * {@code @ConfigurationProperties} component as {@code Secret} instead of {@code String},
 * and it cannot end up in a log line, an actuator page or an exception message by
 * accident ({@link #toString()} masks it). Only {@link #reveal()} gives the value, to
 * sign or compare with.
 */
public final class Secret {

	private final String value;

	public Secret(String value) {
		this.value = value;
	}

	/** The secret itself: use it, never print it. */
	public String reveal() {
		return this.value;
	}

	/** Constant-time comparison, for checking a presented secret. */
	public boolean matches(String presented) {
		return MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				secret.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return 0;
	}

	@Override
	public String toString() {
		return "Secret[****]";
	}

}
