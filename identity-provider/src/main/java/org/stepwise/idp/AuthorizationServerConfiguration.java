package org.stepwise.idp;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

/**
 * Clients, users and token claims. OAuth 2.1 has no password grant, so each demo account
 * is also a client-credentials client (client id = user name, secret = password) whose
 * tokens carry that account's claims: {@code curl -u clinician-a1:demo -d
 * grant_type=client_credentials .../oauth2/token} gives the same token the console gets
 * after the same person logs in with the form (authorization code with PKCE, client
 * {@code stepwise-console}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	static final String CONSOLE_CLIENT = "stepwise-console";

	/** The OAuth2/OIDC endpoints: token, JWKS, authorize, metadata. */
	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (as) -> as.oidc(Customizer.withDefaults()))
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
			.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
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

	@Bean
	UserDetailsService users(IdpProperties properties, PasswordEncoder encoder) {
		List<UserDetails> users = properties.accounts()
			.stream()
			.map((account) -> User.withUsername(account.name())
				.password(encoder.encode(account.password()))
				.authorities(account.roles().stream().map((role) -> "ROLE_" + role).toArray(String[]::new))
				.build())
			.toList();
		return new InMemoryUserDetailsManager(users);
	}

	@Bean
	RegisteredClientRepository clients(IdpProperties properties, PasswordEncoder encoder) {
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.tokenLifetime()).build();
		List<RegisteredClient> clients = new ArrayList<>();
		List<IdpProperties.Account> principals = new ArrayList<>(properties.clients());
		principals.addAll(properties.accounts());
		for (IdpProperties.Account principal : principals) {
			clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(principal.name())
				.clientSecret(encoder.encode(principal.password()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenSettings(tokens)
				.build());
		}
		clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(CONSOLE_CLIENT)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(properties.consoleRedirectUris()))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build());
		return new InMemoryRegisteredClientRepository(clients);
	}

	/**
	 * The Stepwise claims ({@code roles}, {@code programs}, {@code clinician_id},
	 * {@code patient_id}) of the principal: the logged-in user, or the client itself for
	 * client credentials.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> stepwiseClaims(IdpProperties properties) {
		Map<String, IdpProperties.Account> byName = new LinkedHashMap<>();
		properties.clients().forEach((client) -> byName.put(client.name(), client));
		properties.accounts().forEach((account) -> byName.put(account.name(), account));
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
