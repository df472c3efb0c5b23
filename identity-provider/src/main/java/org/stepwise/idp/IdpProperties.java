package org.stepwise.idp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider's settings ({@code stepwise.idp}).
 *
 * @param dataDir where the signing keys are kept ({@code jwks.json}); unset: a fresh key
 * in memory at each start, every token dying with a restart
 * @param keyRotation how long one key signs before the next takes over (the older stays
 * published until the tokens it signed have expired)
 * @param usersFile a YAML or JSON file of accounts and machine clients with hashed
 * passwords ({@link org.stepwise.idp.users.UsersFile})
 * @param demoAccounts whether the demo accounts (README "Demo accounts", public
 * passwords) exist
 * @param consoleRedirectUris where the console client may be sent back after login
 * @param tokenLifetime how long an access token is valid
 */
@ConfigurationProperties("stepwise.idp")
public record IdpProperties(@Nullable String dataDir, @DefaultValue("30d") Duration keyRotation,
		@Nullable String usersFile, @DefaultValue("false") boolean demoAccounts,
		@DefaultValue("http://127.0.0.1:8080/login/oauth2/code/stepwise") List<String> consoleRedirectUris,
		@DefaultValue("30m") Duration tokenLifetime) {

	public Optional<Path> dataDirectory() {
		return path(this.dataDir);
	}

	public Optional<Path> usersPath() {
		return path(this.usersFile);
	}

	private static Optional<Path> path(@Nullable String setting) {
		return (setting == null || setting.isBlank()) ? Optional.empty() : Optional.of(Path.of(setting));
	}

	/**
	 * One principal and the claims of its tokens.
	 *
	 * @param name the user name (and client id)
	 * @param password the password (and client secret): in the users file a hash in
	 * Spring Security's {@code {bcrypt}...} form; plain only in the bundled demo accounts
	 * @param roles {@code ingest}, {@code clinician}, {@code program-admin},
	 * {@code patient}
	 * @param programs the program ids the principal works in
	 * @param scopes OAuth scopes a machine client may ask for with client credentials:
	 * only {@value #PART2_SCOPE} (an EHR interface that may receive 42 CFR Part 2 data
	 * through FHIR, docs/security-and-privacy.md)
	 */
	public record Account(String name, String password, List<String> roles, @DefaultValue List<String> programs,
			@Nullable String clinicianId, @Nullable String patientId, @DefaultValue List<String> scopes) {

		public static final String PART2_SCOPE = "stepwise.part2";

		public static final List<String> KNOWN_SCOPES = List.of(PART2_SCOPE);

		/** The same account with its password replaced (by its hash). */
		public Account withPassword(String password) {
			return new Account(this.name, password, this.roles, this.programs, this.clinicianId, this.patientId,
					this.scopes);
		}

	}

}
