package org.stepwise.platform.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

	@Test
	void theTokenClaimsBecomeRolesProgramsAndIds() {
		Caller caller = Caller
			.of(jwt("clinician-a1", List.of("clinician", "unknown-role"), List.of("program-a"), "clinician-a1", null));

		assertThat(caller.roles()).containsExactly(Role.CLINICIAN);
		assertThat(caller.programs()).containsExactly("program-a");
		assertThat(caller.clinicianId()).hasValue("clinician-a1");
		assertThat(caller.patientId()).isEmpty();
		assertThat(caller.toString()).doesNotContain("clinician-a1");
	}

	@Test
	void anotherProgramIsNotFound() {
		Caller caller = Caller.of(jwt("admin-a", List.of("program-admin"), List.of("program-a"), null, null));

		caller.requireProgram("program-a");
		assertThatThrownBy(() -> caller.requireProgram("program-b")).isInstanceOf(NotVisibleException.class)
			.hasMessage("No such resource");
		assertThatThrownBy(() -> caller.requireProgram(null)).isInstanceOf(NotVisibleException.class);
	}

	@Test
	void cliniciansSeeTheirCareTeamsPatientsAdminsTheWholeProgram() {
		Caller clinician = Caller.of(jwt("c", List.of("clinician"), List.of("program-a"), "clinician-a1", null));
		Caller admin = Caller.of(jwt("a", List.of("program-admin"), List.of("program-a"), null, null));

		assertThat(clinician.canSeePatient("program-a", List.of("clinician-a1", "clinician-a9"))).isTrue();
		assertThat(clinician.canSeePatient("program-a", List.of("clinician-a2"))).isFalse();
		assertThat(clinician.canSeePatient("program-b", List.of("clinician-a1"))).isFalse();
		assertThat(admin.canSeePatient("program-a", List.of())).isTrue();
		assertThat(admin.canSeePatient("program-b", List.of())).isFalse();
		assertThatThrownBy(() -> clinician.requirePatient("program-a", "patient-1", List.of("clinician-a2")))
			.isInstanceOf(NotVisibleException.class);
	}

	@Test
	void aPatientIsOnlyThemselves() {
		Caller patient = Caller.of(jwt("patient-42", List.of("patient"), List.of("program-a"), null, "patient-42"));

		assertThat(patient.isPatient("patient-42")).isTrue();
		assertThat(patient.isPatient("patient-43")).isFalse();
		assertThat(patient.canSeePatient("program-a", List.of("patient-42"))).isFalse();
		patient.requirePatient("program-a", "patient-42", List.of());
		assertThatThrownBy(() -> patient.requirePatient("program-a", "patient-43", List.of()))
			.isInstanceOf(NotVisibleException.class);
	}

	@Test
	void patientIdsAreMaskedInPathsForLogsAndAudit() {
		assertThat(SecurityProblems.maskPatients("/api/v1/patients/p-1/attendance/summary"))
			.isEqualTo("/api/v1/patients/{patientId}/attendance/summary");
		assertThat(SecurityProblems.maskPatients("/api/v1/sessions/s-1/attendance/p-1/corrections"))
			.isEqualTo("/api/v1/sessions/s-1/attendance/{patientId}/corrections");
		assertThat(SecurityProblems.maskPatients("/api/v1/sessions/s-1/roster/p-1"))
			.isEqualTo("/api/v1/sessions/s-1/roster/{patientId}");
	}

	private static Jwt jwt(String subject, List<String> roles, List<String> programs, String clinicianId,
			String patientId) {
		Jwt.Builder builder = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject(subject)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("roles", roles)
			.claim("programs", programs);
		if (clinicianId != null) {
			builder.claim("clinician_id", clinicianId);
		}
		if (patientId != null) {
			builder.claim("patient_id", patientId);
		}
		return builder.build();
	}

}
