package org.stepwise.plan.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * Who may call which plan-service endpoint (roles only; the program and care-team checks
 * are in the controllers, audited through the platform's PatientAccess / AuditLog).
 * Program admins manage programs and plans: enrol, change intensity or level, settings
 * (care team, mode). Clinicians and program admins read plans, history, recommendations
 * and progress, and take the clinician actions of docs/clinical-rules.md section 5: lock
 * and unlock a plan, set its bounds, revert a change, approve or decline a
 * recommendation, discharge to aftercare (section 8). Staff read programs. Anything else
 * (ingest, patients, unknown roles) is denied by the platform. The FHIR R4 reads
 * (CarePlan, EpisodeOfCare) are the plan reads' (staff).
 */
@Configuration(proxyBeanMethods = false)
class PlanAccessRules {

	private static final String[] STAFF = Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN);

	@Bean
	ApiAccessRules planApiRules() {
		return (requests) -> requests
			.requestMatchers(HttpMethod.POST, "/api/v1/plans", "/api/v1/patients/*/plan/changes")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.PUT, "/api/v1/patients/*/plan/settings")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.POST, "/api/v1/programs/*")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.PUT, "/api/v1/programs/*")
			.hasRole(Role.PROGRAM_ADMIN.role())
			.requestMatchers(HttpMethod.POST, "/api/v1/patients/*/plan/lock", "/api/v1/patients/*/plan/unlock",
					"/api/v1/patients/*/plan/revert", "/api/v1/recommendations/*/approve",
					"/api/v1/recommendations/*/decline", "/api/v1/patients/*/plan/discharge")
			.hasAnyRole(STAFF)
			.requestMatchers(HttpMethod.PUT, "/api/v1/patients/*/plan/bounds")
			.hasAnyRole(STAFF)
			.requestMatchers(HttpMethod.GET, "/api/v1/patients/*/plan", "/api/v1/patients/*/plan/history",
					"/api/v1/patients/*/recommendations", "/api/v1/patients/*/progress", "/api/v1/programs",
					"/api/v1/programs/*", "/api/v1/instruments-due")
			.hasAnyRole(STAFF)
			// FHIR R4: the same readers as the plan and its history
			.requestMatchers(HttpMethod.GET, "/fhir/r4/CarePlan", "/fhir/r4/CarePlan/*",
					"/fhir/r4/CarePlan/*/_history/*", "/fhir/r4/EpisodeOfCare", "/fhir/r4/EpisodeOfCare/*")
			.hasAnyRole(STAFF)
			// what the FHIR interface supports, like the OpenAPI documents: open, no
			// patient data (FHIR clients read it before they have a token)
			.requestMatchers(HttpMethod.GET, "/fhir/r4/metadata")
			.permitAll();
	}

}
