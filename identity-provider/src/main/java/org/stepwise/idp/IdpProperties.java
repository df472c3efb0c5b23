package org.stepwise.idp;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The accounts and clients of the identity provider ({@code stepwise.idp}).
 *
 * @param accounts people: each can log in with the form (authorization code, for the
 * console) and, for curl, is also a client-credentials client with the same name and
 * password whose tokens carry the same claims
 * @param clients machine clients (client credentials), e.g. {@code stepwise-ingest}
 * @param consoleRedirectUris where the console client may be sent back after login
 * @param tokenLifetime how long an access token is valid
 */
@ConfigurationProperties("stepwise.idp")
public record IdpProperties(@DefaultValue List<Account> accounts, @DefaultValue List<Account> clients,
		@DefaultValue("http://127.0.0.1:8080/login/oauth2/code/stepwise") List<String> consoleRedirectUris,
		@DefaultValue("30m") Duration tokenLifetime) {

	/**
	 * One principal and the claims of its tokens.
	 *
	 * @param name the user name (and client id)
	 * @param password the password (and client secret), stored hashed in memory
	 * @param roles {@code ingest}, {@code clinician}, {@code program-admin},
	 * {@code patient}
	 * @param programs the program ids the principal works in
	 */
	public record Account(String name, String password, List<String> roles, @DefaultValue List<String> programs,
			@Nullable String clinicianId, @Nullable String patientId) {
	}

}
