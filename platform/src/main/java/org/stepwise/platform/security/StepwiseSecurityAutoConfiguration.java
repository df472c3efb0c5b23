package org.stepwise.platform.security;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.audit.AuditAutoConfiguration;

/**
 * Every Stepwise API is an OAuth2 resource server: a JWT bearer token (issuer and JWKS
 * from {@code spring.security.oauth2.resourceserver.jwt.*}, the local identity provider
 * by default; any OpenID Connect provider whose claim names
 * {@code stepwise.security.claims.*} gives) on every request, its {@code roles} claim
 * mapped to authorities. Open without a token: actuator health, info and prometheus, and
 * the OpenAPI docs. Each service adds its {@link ApiAccessRules}; whatever they do not
 * allow is denied. Stateless (no session, no cookies, hence no CSRF tokens); 401 and 403
 * are problem details.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class StepwiseSecurityAutoConfiguration {

	/** Content-Security-Policy for everything served (JSON, and the Swagger UI). */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	@Bean
	SecurityFilterChain stepwiseApiSecurity(HttpSecurity http, ObjectProvider<ApiAccessRules> rules, AuditLog audit)
			throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(audit);
		ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler(audit);
		List<ApiAccessRules> serviceRules = rules.orderedStream().toList();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny()))
			.authorizeHttpRequests((requests) -> {
				// already authorised when it was dispatched first (SSE, errors)
				requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
				requests
					.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
							"/actuator/prometheus")
					.permitAll();
				requests
					.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
							"/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
				serviceRules.forEach((rule) -> rule.configure(requests));
				requests.anyRequest().denyAll();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
		return http.build();
	}

	/**
	 * A request the firewall refuses (encoded dots or slashes, {@code ;}, {@code //}, a
	 * non-printable character): 400 as a problem document, the target not echoed.
	 */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler() {
		return (request, response, rejected) -> SecurityProblems.write(response, HttpStatus.BAD_REQUEST,
				"malformed_request", "The request could not be processed");
	}

	/**
	 * The resource server's JWT decoder: its claims under the Stepwise names
	 * ({@code stepwise.security.claims.*}, for another OpenID Connect provider), each
	 * token verified once.
	 */
	@Bean
	static BeanPostProcessor verifiedTokens(Environment environment) {
		ClaimMapping mapping = claimMapping(environment);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens))
						? new VerifiedTokens(MappedClaimsDecoder.of(decoder, mapping), Clock.systemUTC(), 4096) : bean;
			}
		};
	}

	/**
	 * Where the issuer puts roles, programs and ids:
	 * {@code stepwise.security.claims.roles}, {@code .programs}, {@code .clinician-id},
	 * {@code .patient-id} (environment {@code STEPWISE_SECURITY_CLAIMS_ROLES}, ...), the
	 * bundled provider's names by default.
	 */
	static ClaimMapping claimMapping(Environment environment) {
		Binder binder = Binder.get(environment);
		return new ClaimMapping(claim(binder, "roles", StepwiseClaims.ROLES),
				claim(binder, "programs", StepwiseClaims.PROGRAMS),
				claim(binder, "clinician-id", StepwiseClaims.CLINICIAN_ID),
				claim(binder, "patient-id", StepwiseClaims.PATIENT_ID));
	}

	private static String claim(Binder binder, String name, String stepwiseName) {
		return binder.bind("stepwise.security.claims." + name, String.class).orElse(stepwiseName);
	}

	/** The {@code roles} claim as {@code ROLE_<role>} authorities. */
	static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(StepwiseClaims.ROLES);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	/**
	 * The audit endpoint every service has: program admins only. First, so a service's
	 * broader rule ({@code /api/v1/**}) cannot open it to other roles.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ApiAccessRules auditAccessRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/audit")
			.hasRole(Role.PROGRAM_ADMIN.role());
	}

	/**
	 * The OpenAPI docs say every operation needs a bearer JWT (Swagger UI's Authorize
	 * button).
	 */
	@Bean
	OpenApiCustomizer bearerSecurityScheme() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.components(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
			openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
		};
	}

	@Bean
	WebMvcConfigurer callerArgument(AuditLog audit) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new RefusalAudit(audit));
			}
		};
	}

}
