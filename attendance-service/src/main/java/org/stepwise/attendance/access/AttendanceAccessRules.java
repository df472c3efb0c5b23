package org.stepwise.attendance.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Role;

/**
 * Who may call which attendance endpoint (roles only; the program, care team and patient
 * checks are in the controllers, through PatientAccess). Ingest clients write sessions
 * and attendance; program admins may also correct attendance; clinicians and program
 * admins read; the FHIR R4 endpoints follow the same rules, and their CapabilityStatement
 * is open. Anything else is denied by the platform.
 */
@Configuration(proxyBeanMethods = false)
class AttendanceAccessRules {

	private static final String[] STAFF = Role.names(Role.CLINICIAN, Role.PROGRAM_ADMIN);

	@Bean
	ApiAccessRules attendanceApiRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/sessions/*/attendance/*/corrections")
			.hasAnyRole(Role.names(Role.INGEST, Role.PROGRAM_ADMIN))
			.requestMatchers(HttpMethod.POST, "/api/v1/sessions", "/api/v1/sessions/recurring",
					"/api/v1/sessions/*/roster", "/api/v1/sessions/*/attendance")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.PATCH, "/api/v1/sessions/*")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.DELETE, "/api/v1/sessions/*", "/api/v1/sessions/*/roster/*")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.GET, "/api/v1/sessions/unrecorded", "/api/v1/sessions/*",
					"/api/v1/patients/*/attendance", "/api/v1/patients/*/attendance/summary")
			.hasAnyRole(STAFF)
			// FHIR R4: the same rules; sessions are Appointments, attendance Encounters
			.requestMatchers(HttpMethod.POST, "/fhir/r4/Appointment", "/fhir/r4/Encounter", "/fhir/r4")
			.hasRole(Role.INGEST.role())
			.requestMatchers(HttpMethod.PUT, "/fhir/r4/Appointment/*")
			.hasRole(Role.INGEST.role())
			// an update of an Encounter is a correction
			.requestMatchers(HttpMethod.PUT, "/fhir/r4/Encounter/*")
			.hasAnyRole(Role.names(Role.INGEST, Role.PROGRAM_ADMIN))
			.requestMatchers(HttpMethod.GET, "/fhir/r4/Appointment", "/fhir/r4/Appointment/*", "/fhir/r4/Encounter",
					"/fhir/r4/Encounter/*")
			.hasAnyRole(STAFF)
			// what the FHIR interface supports, like the OpenAPI documents: open, no
			// patient data (FHIR clients read it before they have a token)
			.requestMatchers(HttpMethod.GET, "/fhir/r4/metadata")
			.permitAll();
	}

}
