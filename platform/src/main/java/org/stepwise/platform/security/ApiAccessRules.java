package org.stepwise.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's URL and role rules, applied by the shared security filter chain between the
 * open endpoints (health, info, prometheus, OpenAPI docs) and the final {@code denyAll}:
 * whatever no rule allows is refused. Object-level checks (program, care team, own
 * patient) are the service's, through {@link Caller}.
 */
@FunctionalInterface
public interface ApiAccessRules {

	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
