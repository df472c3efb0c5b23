package org.stepwise.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

	static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	private final List<String> verified = new ArrayList<>();

	/** Verifies "good-*" tokens (valid for 30 minutes from NOW), rejects the rest. */
	private final JwtDecoder verifier = (token) -> {
		this.verified.add(token);
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("stepwise-ingest")
			.issuedAt(NOW)
			.notBefore(NOW)
			.expiresAt(NOW.plus(Duration.ofMinutes(30)))
			.build();
	};

	@Test
	void aTokenIsVerifiedOnceWhileItIsCurrent() {
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, at(NOW.plusSeconds(5)), 10);

		Jwt first = tokens.decode("good-1");
		Jwt again = tokens.decode("good-1");

		assertThat(again).isSameAs(first);
		assertThat(this.verified).containsExactly("good-1");
	}

	@Test
	void aKnownTokenPastItsExpiryIsNotAcceptedFromMemory() {
		MutableClock clock = new MutableClock(NOW.plusSeconds(5));
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, clock, 10);
		tokens.decode("good-1");

		clock.now = NOW.plus(Duration.ofMinutes(30));
		tokens.decode("good-1");

		assertThat(this.verified).containsExactly("good-1", "good-1");
	}

	@Test
	void rejectionsAreNeverRemembered() {
		VerifiedTokens tokens = tokensAt(NOW.plusSeconds(5));

		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

		assertThat(this.verified).containsExactly("forged", "forged");
	}

	@Test
	void theLeastRecentlyUsedTokenLeavesFirst() {
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, at(NOW.plusSeconds(5)), 2);
		tokens.decode("good-1");
		tokens.decode("good-2");
		tokens.decode("good-1");
		tokens.decode("good-3");

		tokens.decode("good-1");
		tokens.decode("good-2");

		assertThat(this.verified).containsExactly("good-1", "good-2", "good-3", "good-2");
	}

	private VerifiedTokens tokensAt(Instant now) {
		return new VerifiedTokens(this.verifier, at(now), 10);
	}

	private static Clock at(Instant now) {
		return Clock.fixed(now, ZoneOffset.UTC);
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
