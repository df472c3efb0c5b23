package org.stepwise.alert.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * URL-level rules of alert-service: clinicians and program admins read, stream and act on
 * alerts; nobody else (anything not allowed here is denied by the platform). Program and
 * care-team scoping inside the endpoints goes through the platform's Caller /
 * PatientAccess.
 */
@Configuration(proxyBeanMethods = false)
class AlertAccessRules {

	@Bean
	ApiAccessRules alertApiRules() {
		return (requests) -> requests.requestMatchers("/api/v1/**")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN));
	}

}
