package org.stepwise.idp;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import org.stepwise.idp.users.UsersFile;

/**
 * Clients, users and token claims. OAuth 2.1 has no password grant, so each account is
 * also a client-credentials client (client id = user name, secret = password) whose
 * tokens carry that account's claims: {@code curl -u clinician-a1:demo -d
 * grant_type=client_credentials .../oauth2/token} gives the same token the console gets
 * after the same person logs in with the form (authorization code with PKCE, client
 * {@code stepwise-console}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);

	static final String CONSOLE_CLIENT = "stepwise-console";

	/** The OAuth2/OIDC endpoints: token, JWKS, authorize, end session, metadata. */
	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			// the end-session endpoint (/connect/logout): the console's sign-out ends
			// this
			// provider's session too
			.with(server, (as) -> as.oidc((oidc) -> oidc.logoutEndpoint(Customizer.withDefaults())))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/**
	 * The login form (with CSRF protection: it uses a session cookie) and actuator. The
	 * CSP's {@code form-action} also names the console's origins: browsers apply it to
	 * the redirects after the form is posted, and the last one goes back to the console.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain loginChain(HttpSecurity http, IdpProperties properties) throws Exception {
		String consoleOrigins = properties.consoleRedirectUris()
			.stream()
			.map(URI::create)
			.map((uri) -> " " + uri.getScheme() + "://" + uri.getRawAuthority())
			.distinct()
			.collect(Collectors.joining());
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
					"/actuator/prometheus")
			.permitAll()
			// the sign-in page and what it shows (SignInPage)
			.requestMatchers(HttpMethod.GET, "/login", "/idp/*.css", "/favicon.ico", "/favicon.svg")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").permitAll())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'; "
						+ "object-src 'none'; base-uri 'none'; form-action 'self'" + consoleOrigins)));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Who may get tokens: the users file's accounts, and the demo accounts when asked
	 * for. With neither, nobody (the provider still starts, and says how to add users).
	 */
	@Bean
	UsersFile principals(IdpProperties properties, PasswordEncoder encoder) {
		UsersFile users = properties.usersPath().map(UsersFile::read).orElse(UsersFile.NONE);
		if (properties.demoAccounts()) {
			users = users.and(UsersFile.demo(encoder));
			log.warn("Demo accounts enabled (stepwise.idp.demo-accounts): their passwords are public, "
					+ "for trying Stepwise only, never for real patients");
		}
		if (users.isEmpty()) {
			log.warn("No accounts: add people and clients to a users file (STEPWISE_IDP_USERS_FILE; passwords from "
					+ "'java -jar identity-provider-*-exec.jar hash-password'), or set STEPWISE_IDP_DEMO_ACCOUNTS=true "
					+ "for the demo accounts");
		}
		else {
			log.info("Users: {} accounts, {} machine clients", users.accounts().size(), users.clients().size());
		}
		return users;
	}

	/** People who sign in with the form; passwords are stored hashes. */
	@Bean
	UserDetailsService users(UsersFile principals) {
		List<UserDetails> users = principals.accounts()
			.stream()
			.map((account) -> User.withUsername(account.name())
				.password(account.password())
				.authorities(account.roles().stream().map((role) -> "ROLE_" + role).toArray(String[]::new))
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

	@Bean
	RegisteredClientRepository clients(IdpProperties properties, UsersFile principals) {
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.tokenLifetime()).build();
		List<RegisteredClient> clients = new ArrayList<>();
		for (IdpProperties.Account principal : principals.all()) {
			clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(principal.name())
				.clientSecret(principal.password())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				// granted only when asked for in the token request (scope=...)
				.scopes((scopes) -> scopes.addAll(principal.scopes()))
				.tokenSettings(tokens)
				.build());
		}
		clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(CONSOLE_CLIENT)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(properties.consoleRedirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(signedOutPages(properties.consoleRedirectUris())))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build());
		return new InMemoryRegisteredClientRepository(clients);
	}

	/**
	 * Where the console may send the browser back after signing out at the provider
	 * (RP-initiated logout): its signed-out page, on each origin it signs in from.
	 */
	static List<String> signedOutPages(List<String> consoleRedirectUris) {
		return consoleRedirectUris.stream()
			.map(URI::create)
			.map((uri) -> uri.getScheme() + "://" + uri.getRawAuthority() + "/signed-out.html")
			.distinct()
			.toList();
	}

	/**
	 * The Stepwise claims ({@code roles}, {@code programs}, {@code clinician_id},
	 * {@code patient_id}) of the principal: the logged-in user, or the client itself for
	 * client credentials.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> stepwiseClaims(UsersFile principals) {
		Map<String, IdpProperties.Account> byName = new LinkedHashMap<>();
		principals.all().forEach((principal) -> byName.put(principal.name(), principal));
		return (context) -> {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
					&& !"id_token".equals(context.getTokenType().getValue())) {
				return;
			}
			String name = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
					? context.getRegisteredClient().getClientId() : context.getPrincipal().getName();
			Optional.ofNullable(byName.get(name)).ifPresent((account) -> context.getClaims().claims((claims) -> {
				claims.put("roles", List.copyOf(account.roles()));
				claims.put("programs", List.copyOf(account.programs()));
				if (account.clinicianId() != null) {
					claims.put("clinician_id", account.clinicianId());
				}
				if (account.patientId() != null) {
					claims.put("patient_id", account.patientId());
				}
			}));
		};
	}

}
