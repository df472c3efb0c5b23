package org.stepwise.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A JWT decoder that verifies each token once: a machine client sends the same token with
 * every request for its lifetime (30 minutes), and checking its RSA signature again each
 * time was a tenth of a service's CPU under load. A token seen before is accepted again
 * only while it is still current (its {@code exp} ahead, its {@code nbf} passed);
 * anything else goes to the verifying decoder, whose rejections are never remembered. The
 * same token string carries the same signature and claims, so nothing else can have
 * changed. Holds at most {@code capacity} tokens, the least recently used leaving first.
 */
public final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final Clock clock;

	private final Map<String, Jwt> verified;

	public VerifiedTokens(JwtDecoder verifier, Clock clock, int capacity) {
		this.verifier = verifier;
		this.clock = clock;
		this.verified = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Jwt> eldest) {
				return size() > capacity;
			}
		});
	}

	@Override
	public Jwt decode(String token) {
		Jwt known = this.verified.get(token);
		if (known != null && current(known, this.clock.instant())) {
			return known;
		}
		Jwt jwt = this.verifier.decode(token);
		if (jwt.getExpiresAt() != null) {
			this.verified.put(token, jwt);
		}
		return jwt;
	}

	private static boolean current(Jwt jwt, Instant now) {
		return jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)
				&& (jwt.getNotBefore() == null || !jwt.getNotBefore().isAfter(now));
	}

}
