package org.stepwise.platform.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimMappingTest {

	static final ClaimMapping KEYCLOAK = new ClaimMapping("realm_access.roles", "stepwise_programs",
			"preferred_username", "patient_ref");

	@Test
	void keycloakShapedClaimsBecomeTheStepwiseClaims() {
		Map<String, Object> claims = Map.of("sub", "0b6f", "realm_access",
				Map.of("roles", List.of("clinician", "offline_access")), "stepwise_programs", List.of("program-a"),
				"preferred_username", "clinician-a1");

		Map<String, Object> mapped = KEYCLOAK.toStepwise(claims);

		assertThat(mapped).containsEntry("roles", List.of("clinician", "offline_access"))
			.containsEntry("programs", List.of("program-a"))
			.containsEntry("clinician_id", "clinician-a1")
			.doesNotContainKey("patient_id")
			.containsEntry("sub", "0b6f");
	}

	@Test
	void aStepwiseNameTheIssuerUsesForSomethingElseNeverPassesThrough() {
		Map<String, Object> mapped = KEYCLOAK
			.toStepwise(Map.of("roles", List.of("program-admin"), "patient_id", "someone-else"));

		assertThat(mapped).doesNotContainKeys("roles", "patient_id");
	}

	@Test
	void aSingleValuedAttributeIsAOneElementListAndAOneElementListAnId() {
		Map<String, Object> mapped = KEYCLOAK.toStepwise(Map.of("stepwise_programs", "program-b", "preferred_username",
				List.of("clinician-b1"), "realm_access", Map.of("roles", "clinician")));

		assertThat(mapped).containsEntry("programs", List.of("program-b"))
			.containsEntry("roles", List.of("clinician"))
			.containsEntry("clinician_id", "clinician-b1");
	}

	@Test
	void aNamespacedClaimWithDotsIsReadWhole() {
		ClaimMapping auth0 = new ClaimMapping("https://stepwise.example/roles", "https://stepwise.example/programs",
				"clinician_id", "patient_id");

		Map<String, Object> mapped = auth0.toStepwise(Map.of("https://stepwise.example/roles", List.of("patient"),
				"https://stepwise.example/programs", List.of("program-a"), "patient_id", "patient-42"));

		assertThat(mapped).containsEntry("roles", List.of("patient"))
			.containsEntry("programs", List.of("program-a"))
			.containsEntry("patient_id", "patient-42");
	}

	@Test
	void theDefaultsLeaveATokenAsItIs() {
		Map<String, Object> claims = Map.of("roles", List.of("clinician"), "realm_access", Map.of());

		assertThat(ClaimMapping.STEPWISE.isIdentity()).isTrue();
		assertThat(ClaimMapping.STEPWISE.toStepwise(claims)).isSameAs(claims);
	}

	@Test
	void theMappingIsReadFromEnvironmentVariablesAsTheDocsSpellThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("STEPWISE_SECURITY_CLAIMS_ROLES",
					"realm_access.roles", "STEPWISE_SECURITY_CLAIMS_CLINICIAN_ID", "preferred_username")));

		assertThat(StepwiseSecurityAutoConfiguration.claimMapping(environment))
			.isEqualTo(new ClaimMapping("realm_access.roles", "programs", "preferred_username", "patient_id"));
	}

	@Test
	void aBlankNameIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> new ClaimMapping("roles", " ", "clinician_id", "patient_id"))
			.hasMessageContaining("stepwise.security.claims.programs");
	}

}
