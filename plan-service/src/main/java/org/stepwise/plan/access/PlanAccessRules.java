package org.stepwise.plan.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * URL-level rules of plan-service: clinicians and program admins, nobody else (anything
 * not allowed here is denied by the platform). Program, care-team and patient scoping
 * inside the endpoints goes through the platform's Caller / PatientAccess.
 */
@Configuration(proxyBeanMethods = false)
class PlanAccessRules {

	@Bean
	ApiAccessRules planApiRules() {
		return (requests) -> requests.requestMatchers("/api/v1/**")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN));
	}

}
