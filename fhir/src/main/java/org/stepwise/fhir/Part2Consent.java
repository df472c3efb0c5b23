package org.stepwise.fhir;

import java.util.Arrays;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Whether the caller's token allows 42 CFR Part 2 data to leave through FHIR: the OAuth
 * scope {@value #SCOPE} in the token's {@code scope} (space-separated) or {@code scp} (a
 * list) claim. The FHIR interface is how data leaves the program for an EHR, so Part 2
 * data goes only to clients granted it for that (docs/security-and-privacy.md); the JSON
 * API, the program's own staff at work, is not filtered.
 */
public final class Part2Consent {

	public static final String SCOPE = "stepwise.part2";

	private Part2Consent() {
	}

	public static boolean allows(@Nullable Object scopeClaim) {
		if (scopeClaim instanceof String scopes) {
			return Arrays.asList(scopes.trim().split("\\s+")).contains(SCOPE);
		}
		if (scopeClaim instanceof Collection<?> scopes) {
			return scopes.stream().anyMatch(SCOPE::equals);
		}
		return false;
	}

	/** Whether the token of the current request allows Part 2 data. */
	public static boolean ofCurrentRequest() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return allows(token.getToken().getClaims().get("scope")) || allows(token.getToken().getClaims().get("scp"));
		}
		return false;
	}

}
