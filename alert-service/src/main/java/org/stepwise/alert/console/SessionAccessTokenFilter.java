package org.stepwise.alert.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import org.stepwise.platform.security.StepwiseClaims;

/**
 * For a signed-in console session: the access token the identity provider issued at sign
 * in (a JWT, kept in the session) is verified with the service's own {@link JwtDecoder}
 * (signature, issuer, expiry) and becomes this request's {@code JwtAuthenticationToken},
 * exactly what a bearer request gets. The session itself is not changed. Once the token
 * has expired (or no longer verifies), the session ends and the browser signs in again.
 */
class SessionAccessTokenFilter extends OncePerRequestFilter {

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final JwtDecoder decoder;

	private final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();

	SessionAccessTokenFilter(OAuth2AuthorizedClientRepository authorizedClients, JwtDecoder decoder) {
		this.authorizedClients = authorizedClients;
		this.decoder = decoder;
		// as the platform's bearer chain: the roles claim as ROLE_<role>
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(StepwiseClaims.ROLES);
		authorities.setAuthorityPrefix("ROLE_");
		this.converter.setJwtGrantedAuthoritiesConverter(authorities);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken login) {
			Jwt jwt = accessToken(login, request);
			if (jwt != null) {
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(this.converter.convert(jwt));
				SecurityContextHolder.setContext(context);
			}
			else {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

	private @Nullable Jwt accessToken(OAuth2AuthenticationToken login, HttpServletRequest request) {
		OAuth2AuthorizedClient client = this.authorizedClients
			.loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login, request);
		if (client == null) {
			return null;
		}
		try {
			return this.decoder.decode(client.getAccessToken().getTokenValue());
		}
		catch (JwtException ex) {
			return null;
		}
	}

}
