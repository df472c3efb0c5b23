package org.stepwise.idp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The identity provider of the local stack and compose: Spring Authorization Server with
 * the accounts of a users file (and the demo accounts when asked for), signing keys kept
 * in its data directory ({@link IdpProperties}).
 */
@SpringBootApplication
@EnableConfigurationProperties(IdpProperties.class)
public class IdentityProviderApplication {

	/**
	 * Starts the provider; {@code hash-password} instead prints a password's hash for the
	 * users file ({@link HashPassword}).
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && "hash-password".equals(args[0])) {
			HashPassword.main(args);
			return;
		}
		SpringApplication.run(IdentityProviderApplication.class, args);
	}

}
