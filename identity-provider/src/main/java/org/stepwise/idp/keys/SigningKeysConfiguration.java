package org.stepwise.idp.keys;

import java.time.Clock;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import org.stepwise.idp.IdpProperties;

/**
 * The keys behind the tokens: {@code /oauth2/jwks} publishes every key a valid token may
 * have been signed with, and tokens are signed with the newest alone (the encoder must
 * see exactly one key).
 */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningKeysConfiguration.class);

	@Bean
	KeyRing keyRing(IdpProperties properties) {
		KeyRotation rotation = new KeyRotation(properties.keyRotation(), properties.tokenLifetime());
		return properties.dataDirectory().map((directory) -> {
			log.info("Signing keys kept in the data directory, rotated every {}", properties.keyRotation());
			return KeyRing.inDirectory(directory, rotation, Clock.systemUTC());
		}).orElseGet(() -> {
			// No data directory (tests, throw-away runs): as before, a fresh key at each
			// start, so every token dies with a restart.
			log.info("Signing key in memory only (no stepwise.idp.data-dir): tokens end with a restart");
			return KeyRing.inMemory(rotation, Clock.systemUTC());
		});
	}

	/** What {@code /oauth2/jwks} publishes and the provider's own decoder trusts. */
	@Bean
	JWKSource<SecurityContext> jwkSource(KeyRing keys) {
		return (selector, context) -> selector.select(keys.published());
	}

	@Bean
	JwtEncoder jwtEncoder(KeyRing keys) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signing())));
	}

}
