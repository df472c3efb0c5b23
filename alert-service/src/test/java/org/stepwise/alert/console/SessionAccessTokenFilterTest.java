package org.stepwise.alert.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in session's access token becomes the request's JwtAuthenticationToken (so
 * {@code Caller} is the signed-in clinician); once it no longer verifies (expired), the
 * session ends and the request is anonymous, so the browser signs in again.
 */
class SessionAccessTokenFilterTest {

	static final ClientRegistration STEPWISE = ClientRegistration.withRegistrationId("stepwise")
		.clientId("stepwise-console")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("http://127.0.0.1:9000/oauth2/authorize")
		.tokenUri("http://127.0.0.1:9000/oauth2/token")
		.build();

	final MockHttpSession session = new MockHttpSession();

	final AtomicReference<Authentication> seen = new AtomicReference<>();

	final AtomicReference<Caller> caller = new AtomicReference<>();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theSessionsAccessTokenIsTheRequestsJwtAuthentication() throws Exception {
		signedIn();
		run((token) -> Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("clinician-a1")
			.claim("roles", List.of("clinician"))
			.claim("programs", List.of("program-a"))
			.claim("clinician_id", "clinician-a1")
			.build());

		assertThat(this.seen.get()).isInstanceOf(JwtAuthenticationToken.class);
		assertThat(this.seen.get().getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("ROLE_clinician")
			.doesNotContain("ROLE_program-admin", "ROLE_patient");
		assertThat(this.caller.get().clinicianId()).hasValue("clinician-a1");
		assertThat(this.caller.get().has(Role.CLINICIAN)).isTrue();
		assertThat(this.caller.get().programs()).containsExactly("program-a");
		assertThat(this.session.isInvalid()).isFalse();
	}

	@Test
	void anExpiredTokenEndsTheSessionAndTheRequestIsAnonymous() throws Exception {
		signedIn();
		run((token) -> {
			throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
		});

		assertThat(this.seen.get()).isNull();
		assertThat(this.caller.get()).isNull();
		assertThat(this.session.isInvalid()).isTrue();
	}

	@Test
	void aRequestThatIsNotSignedInPassesUnchanged() throws Exception {
		run((token) -> {
			throw new AssertionError("nothing to decode");
		});

		assertThat(this.seen.get()).isNull();
		assertThat(this.session.isInvalid()).isFalse();
	}

	private void signedIn() {
		List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList("OIDC_USER");
		OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(
				new DefaultOAuth2User(authorities, Map.of("sub", "clinician-a1"), "sub"), authorities, "stepwise");
		SecurityContextHolder.getContext().setAuthentication(login);
	}

	private void run(JwtDecoder decoder) throws Exception {
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(STEPWISE, "clinician-a1", new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, "access-token", Instant.now(), Instant.now().plusSeconds(60)));
		OAuth2AuthorizedClientRepository repository = new OAuth2AuthorizedClientRepository() {

			@Override
			@SuppressWarnings("unchecked")
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
					Authentication principal, HttpServletRequest request) {
				return "stepwise".equals(registrationId) ? (T) client : null;
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

			@Override
			public void removeAuthorizedClient(String registrationId, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

		};
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/alerts");
		request.setSession(this.session);
		FilterChain chain = (req, res) -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			this.seen.set(authentication);
			if (authentication instanceof JwtAuthenticationToken) {
				this.caller.set(Caller.current());
			}
		};
		new SessionAccessTokenFilter(repository, decoder).doFilter(request, new MockHttpServletResponse(), chain);
	}

}
