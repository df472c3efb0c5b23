package org.stepwise.idp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The identity provider of the local stack and compose: Spring Authorization Server with
 * the demo accounts of {@link IdpProperties}.
 */
@SpringBootApplication
@EnableConfigurationProperties(IdpProperties.class)
public class IdentityProviderApplication {

	public static void main(String[] args) {
		SpringApplication.run(IdentityProviderApplication.class, args);
	}

}
