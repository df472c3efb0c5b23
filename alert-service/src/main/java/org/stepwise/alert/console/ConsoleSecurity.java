package org.stepwise.alert.console;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.ProblemAccessDeniedHandler;
import org.stepwise.platform.security.ProblemAuthenticationEntryPoint;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.security.SecurityProblems;

/**
 * The clinician console's security: people sign in with the identity provider
 * ({@code oauth2Login}, client {@code stepwise-console}, authorization code with PKCE),
 * keep a session cookie ({@code STEPWISE_CONSOLE}, HttpOnly, SameSite=Lax) and send a
 * CSRF token (cookie {@code XSRF-TOKEN} to header {@code X-XSRF-TOKEN}) on every POST.
 *
 * <p>
 * This chain comes before the platform's stateless bearer-token chain and takes only the
 * console pages, the sign-in and sign-out endpoints, and API requests <em>without</em> an
 * {@code Authorization} header (the console's own same-origin calls): API clients with a
 * bearer token keep the stateless chain, unchanged. For a session request,
 * {@link SessionAccessTokenFilter} turns the access token of the sign-in into the same
 * {@code JwtAuthenticationToken} a bearer request has, so the service's rules and
 * {@code Caller} work unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurity {

	/** Where a signed-out browser is sent: straight to the identity provider. */
	static final String SIGN_IN = "/oauth2/authorization/stepwise";

	/**
	 * Strict: only this origin's scripts and style sheets, no inline script or style
	 * ({@code style-src} without {@code 'unsafe-inline'}: uPlot sets styles through CSSOM
	 * properties, which the policy allows), nothing may frame the console.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	private static final String[] PAGES = { "/", "/index.html", "/patient.html", "/alert.html", "/caseload.html" };

	private static final String[] ASSETS = { "/console/*.js", "/console/*.css", "/webjars/**", "/signed-out.html",
			"/favicon.ico", "/favicon.svg" };

	private static final String ME = "/console/me";

	/**
	 * The console's own reads (alerts in words, caseload, plan-service's patient data and
	 * the caseload's instruments due, what the instruments ask).
	 */
	private static final String[] VIEWS = { "/console/alerts", "/console/alerts/*", "/console/caseload",
			"/console/patients/*/**", "/console/instruments", "/console/instruments-due" };

	/** Decisions on plan-service's recommendations, through the console's proxy. */
	private static final String[] DECISIONS = { "/console/recommendations/*/approve",
			"/console/recommendations/*/decline" };

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain consoleSecurityChain(HttpSecurity http, ObjectProvider<ApiAccessRules> rules, AuditLog audit,
			JwtDecoder jwtDecoder, OAuth2AuthorizedClientRepository authorizedClients,
			ClientRegistrationRepository registrations,
			@Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie,
			@Value("${stepwise.console.end-session-uri}") String endSessionUri) throws Exception {
		List<ApiAccessRules> serviceRules = rules.orderedStream().toList();
		RequestMatcher data = new OrRequestMatcher(path("/api/**"), path(ME), path("/console/alerts/**"),
				path("/console/caseload"), path("/console/patients/**"), path("/console/recommendations/**"),
				path("/console/instruments"), path("/console/instruments-due"));
		// Only pages are returned to after sign-in (never a data call), and without a
		// "?continue" marker.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		requestCache.setRequestMatcher(new OrRequestMatcher(
				List.of(PAGES).stream().map((page) -> path(HttpMethod.GET, page)).toArray(RequestMatcher[]::new)));
		http.securityMatcher(consoleRequests())
			// A change that comes with the session cookie needs the token. One without
			// any session is anonymous (401, like any call without credentials): there
			// is nothing to forge.
			.csrf((csrf) -> csrf.spa()
				.requireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
						(request) -> request.getRequestedSessionId() != null)))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.oauth2Login(
					(login) -> login.loginPage(SIGN_IN).failureUrl("/signed-out.html?failed").defaultSuccessUrl("/"))
			.logout((logout) -> logout.logoutUrl("/logout")
				.deleteCookies(sessionCookie)
				.logoutSuccessHandler(providerSignOut(registrations, endSessionUri)))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.addFilterBefore(new SessionAccessTokenFilter(authorizedClients, jwtDecoder),
					AnonymousAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.crossOriginOpenerPolicy((coop) -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
				.frameOptions((frame) -> frame.deny()))
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
				requests.requestMatchers(HttpMethod.GET, ASSETS).permitAll();
				requests.requestMatchers(HttpMethod.GET, PAGES)
					.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN));
				requests.requestMatchers(HttpMethod.GET, ME).authenticated();
				requests.requestMatchers(HttpMethod.GET, VIEWS)
					.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN));
				requests.requestMatchers(HttpMethod.POST, DECISIONS)
					.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN));
				serviceRules.forEach((rule) -> rule.configure(requests));
				requests.anyRequest().denyAll();
			})
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint(data, audit))
				.accessDeniedHandler(new ConsoleAccessDeniedHandler(audit)));
		return http.build();
	}

	/**
	 * After the console's session has ended, the browser is sent to the provider's
	 * end-session endpoint (OIDC RP-initiated logout, with the ID token as hint), which
	 * ends the provider's session too and sends it back to {@code /signed-out.html}: the
	 * next sign-in asks for the password again. The console signs out with a same-origin
	 * {@code fetch}, which cannot follow a redirect to another origin: it gets the
	 * address as JSON ({@code {"location": ...}}) and goes there itself; anything else
	 * gets the redirect.
	 */
	static LogoutSuccessHandler providerSignOut(ClientRegistrationRepository registrations, String endSessionUri) {
		// The registration names its endpoints explicitly (no discovery at start), so the
		// end-session endpoint is added to its provider metadata here.
		ClientRegistrationRepository withEndSession = (id) -> {
			ClientRegistration registration = registrations.findByRegistrationId(id);
			if (registration == null) {
				return null;
			}
			Map<String, Object> metadata = new HashMap<>(registration.getProviderDetails().getConfigurationMetadata());
			metadata.putIfAbsent("end_session_endpoint", endSessionUri);
			return ClientRegistration.withClientRegistration(registration)
				.providerConfigurationMetadata(metadata)
				.build();
		};
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(withEndSession);
		handler.setPostLogoutRedirectUri("{baseUrl}/signed-out.html");
		handler.setDefaultTargetUrl("/signed-out.html");
		DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();
		MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
		json.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		handler.setRedirectStrategy((request, response, url) -> {
			if (json.matches(request)) {
				response.setStatus(HttpStatus.OK.value());
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				response.getWriter().write(JsonMapper.builder().build().writeValueAsString(Map.of("location", url)));
			}
			else {
				redirect.sendRedirect(request, response, url);
			}
		});
		return handler;
	}

	/** The sign-in's tokens live in the session only, and end with it. */
	@Bean
	OAuth2AuthorizedClientRepository consoleAuthorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * The pages, their assets, sign-in and sign-out, and same-origin API calls that carry
	 * no bearer token.
	 */
	static RequestMatcher consoleRequests() {
		RequestMatcher noBearer = (request) -> request.getHeader(HttpHeaders.AUTHORIZATION) == null;
		return new OrRequestMatcher(path("/"), path("/index.html"), path("/patient.html"), path("/alert.html"),
				path("/caseload.html"), path("/signed-out.html"), path("/favicon.ico"), path("/favicon.svg"),
				path("/console/**"), path("/webjars/**"), path("/oauth2/authorization/**"),
				path("/login/oauth2/code/**"), path("/logout"), new AndRequestMatcher(path("/api/**"), noBearer));
	}

	/**
	 * Data calls get a 401 problem (the page then signs in again); pages go to sign-in.
	 */
	private static AuthenticationEntryPoint entryPoint(RequestMatcher data, AuditLog audit) {
		LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
		entryPoints.put(data, new ProblemAuthenticationEntryPoint(audit));
		DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(entryPoints);
		delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN));
		return delegating;
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	private static RequestMatcher path(HttpMethod method, String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
	}

	/**
	 * 403 problem: a missing or wrong CSRF token (also before sign-in), or a role that
	 * does not allow the request (audited as a denial, as on the bearer chain).
	 */
	static final class ConsoleAccessDeniedHandler extends ProblemAccessDeniedHandler {

		ConsoleAccessDeniedHandler(AuditLog audit) {
			super(audit);
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				AccessDeniedException accessDeniedException) throws IOException {
			if (accessDeniedException instanceof CsrfException) {
				SecurityProblems.write(response, HttpStatus.FORBIDDEN, "csrf",
						"The request has no valid CSRF token (header X-XSRF-TOKEN)");
			}
			else if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
				super.handle(request, response, accessDeniedException);
			}
			else {
				SecurityProblems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Sign in to use the console");
			}
		}

	}

}
