package org.stepwise.alert.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * Who may call which alert-service API endpoint (roles only; program and care-team
 * scoping, and the audit, are in the controllers through {@link AlertScope}). Clinicians
 * and program admins read, stream, acknowledge and resolve alerts and read a patient's
 * timeline; only program admins read the webhook delivery log. The FHIR R4 reads (Tasks
 * and Flags, the alerts) follow the alerts' rules; program admins create and read FHIR
 * Subscriptions; the CapabilityStatement is open. Anything else (ingest, patients,
 * unknown roles, other API paths) is denied by the platform.
 */
@Configuration(proxyBeanMethods = false)
class AlertAccessRules {

	private static final String[] STAFF = Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN);

	@Bean
	ApiAccessRules alertApiRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/webhooks/deliveries")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/stream", "/api/v1/alerts/*",
					"/api/v1/patients/*/timeline")
			.hasAnyRole(STAFF)
			.requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/acknowledge", "/api/v1/alerts/*/resolve")
			.hasAnyRole(STAFF)
			// FHIR R4: alerts as Tasks and Flags, read as the alerts are
			.requestMatchers(HttpMethod.GET, "/fhir/r4/Task", "/fhir/r4/Task/*", "/fhir/r4/Flag", "/fhir/r4/Flag/*")
			.hasAnyRole(STAFF)
			// FHIR subscriptions to a program's new alerts: its program admins
			.requestMatchers(HttpMethod.POST, "/fhir/r4/Subscription")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.GET, "/fhir/r4/Subscription/*")
			.hasRole(Role.PROGRAM_ADMIN.role())
			// what the FHIR interface supports: open, no patient data (FHIR clients read
			// it before they have a token)
			.requestMatchers(HttpMethod.GET, "/fhir/r4/metadata")
			.permitAll();
	}

}
