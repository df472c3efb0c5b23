package org.stepwise.assessment.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * Who may call which assessment endpoint (roles only; program, care team and own-patient
 * checks are in the controllers, through PatientAccess). Ingest clients submit
 * assessments, check-ins and vitals; patients submit and read their own check-ins;
 * clinicians and program admins read. The instrument catalogue holds no patient data: any
 * valid token. The FHIR R4 endpoints follow the same rules; their CapabilityStatement is
 * open.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentAccessRules {

	@Bean
	ApiAccessRules assessmentApiRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/assessments")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.POST, "/api/v1/check-ins")
			.hasAnyRole(Role.names(Role.INGEST, Role.PATIENT))
			.requestMatchers(HttpMethod.GET, "/api/v1/assessments/*", "/api/v1/patients/*/assessments")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN))
			.requestMatchers(HttpMethod.GET, "/api/v1/patients/*/check-ins")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN, Role.PATIENT))
			.requestMatchers(HttpMethod.POST, "/api/v1/vitals")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.GET, "/api/v1/patients/*/vitals")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN))
			.requestMatchers(HttpMethod.GET, "/api/v1/instruments")
			.authenticated()
			// FHIR R4: the same rules; QuestionnaireResponses are instruments (ingest) or
			// check-ins (ingest, the patient), told apart once read
			.requestMatchers(HttpMethod.POST, "/fhir/r4/QuestionnaireResponse", "/fhir/r4")
			.hasAnyRole(Role.names(Role.INGEST, Role.PATIENT))
			.requestMatchers(HttpMethod.GET, "/fhir/r4/Observation")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN))
			.requestMatchers(HttpMethod.GET, "/fhir/r4/QuestionnaireResponse/*")
			.hasAnyRole(Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN, Role.PATIENT))
			// what the FHIR interface supports, like the OpenAPI documents: open, no
			// patient
			// data (FHIR clients read it before they have a token)
			.requestMatchers(HttpMethod.GET, "/fhir/r4/metadata")
			.permitAll();
	}

}
