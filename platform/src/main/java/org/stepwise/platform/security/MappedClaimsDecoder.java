package org.stepwise.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A verified token with its claims under the Stepwise names ({@link ClaimMapping}), so
 * that {@link Caller}, the {@code roles} authorities and the console read any OpenID
 * Connect provider's tokens the same way. The token value is unchanged: it is what the
 * console relays to other services, which map it again themselves.
 */
final class MappedClaimsDecoder implements JwtDecoder {

	private final JwtDecoder verifier;

	private final ClaimMapping mapping;

	MappedClaimsDecoder(JwtDecoder verifier, ClaimMapping mapping) {
		this.verifier = verifier;
		this.mapping = mapping;
	}

	/** The decoder itself when the tokens already carry the Stepwise names. */
	static JwtDecoder of(JwtDecoder verifier, ClaimMapping mapping) {
		return mapping.isIdentity() ? verifier : new MappedClaimsDecoder(verifier, mapping);
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.verifier.decode(token);
		return new Jwt(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(),
				this.mapping.toStepwise(jwt.getClaims()));
	}

}
