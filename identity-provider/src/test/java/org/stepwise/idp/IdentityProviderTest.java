package org.stepwise.idp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens as the services and the walkthrough in docs/api-and-events.md get them, with the
 * demo accounts enabled: client credentials for the ingest client and for each demo
 * account, verified against the published JWKS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "stepwise.idp.demo-accounts=true")
class IdentityProviderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void theIngestClientGetsATokenWithItsRolesAndPrograms() throws Exception {
		Jwt token = verify(token("stepwise-ingest", "ingest-secret").path("access_token").asString());

		assertThat(token.getIssuer()).hasToString("http://127.0.0.1:9000");
		assertThat(token.getSubject()).isEqualTo("stepwise-ingest");
		assertThat(token.getClaimAsStringList("roles")).containsExactly("ingest");
		assertThat(token.getClaimAsStringList("programs")).containsExactly("program-a", "program-b", "program-c");
		assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt().plusSeconds(29 * 60));
	}

	@Test
	void eachDemoAccountGetsItsOwnClaimsForCurl() throws Exception {
		Jwt clinician = verify(token("clinician-a1", "demo").path("access_token").asString());
		assertThat(clinician.getClaimAsStringList("roles")).containsExactly("clinician");
		assertThat(clinician.getClaimAsStringList("programs")).containsExactly("program-a");
		assertThat(clinician.getClaimAsString("clinician_id")).isEqualTo("clinician-a1");

		Jwt other = verify(token("clinician-b1", "demo").path("access_token").asString());
		assertThat(other.getClaimAsStringList("programs")).containsExactly("program-b");

		Jwt admin = verify(token("admin-a", "demo").path("access_token").asString());
		assertThat(admin.getClaimAsStringList("roles")).containsExactly("program-admin");
		assertThat(admin.hasClaim("clinician_id")).isFalse();

		Jwt patient = verify(token("patient-42", "demo").path("access_token").asString());
		assertThat(patient.getClaimAsStringList("roles")).containsExactly("patient");
		assertThat(patient.getClaimAsString("patient_id")).isEqualTo("patient-42");
	}

	@Test
	void aClientGrantedThePart2ScopeGetsItOnlyWhenItAsksAndNobodyElseCan() throws Exception {
		Jwt asked = verify(token("ehr-a", "ehr-secret", "scope=stepwise.part2").path("access_token").asString());
		assertThat(asked.getClaimAsStringList("scope")).containsExactly("stepwise.part2");
		assertThat(asked.getClaimAsStringList("roles")).containsExactly("program-admin");

		Jwt unasked = verify(token("ehr-a", "ehr-secret").path("access_token").asString());
		assertThat(unasked.hasClaim("scope")).isFalse();

		HttpResponse<String> refused = tokenRequest("clinician-a1", "demo", "scope=stepwise.part2");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_scope").doesNotContain("access_token");
	}

	@Test
	void aWrongSecretGetsNoToken() throws Exception {
		HttpResponse<String> response = tokenRequest("clinician-a1", "not-the-password");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("access_token");
	}

	@Test
	void metadataNamesTheFixedIssuerAndTheLoginFormIsCsrfProtected() throws Exception {
		JsonNode metadata = JSON.readTree(get("/.well-known/openid-configuration").body());
		assertThat(metadata.path("issuer").asString()).isEqualTo("http://127.0.0.1:9000");
		assertThat(metadata.path("grant_types_supported").toString()).contains("client_credentials",
				"authorization_code");

		HttpResponse<String> login = get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"");
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'"));

		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void theSignInPageIsStepwiseBrandedUnderTheStrictPolicyAndTheFaviconIsServed() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.body())
			.contains("<title>Sign in - Stepwise</title>", "href=\"/idp/sign-in.css\"", "id=\"username\"",
					"id=\"password\"", "name=\"_csrf\"")
			.doesNotContain("<script", "style=", "<style");
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
		assertThat(get("/login?error").body()).contains("do not match");
		assertThat(get("/idp/sign-in.css").statusCode()).isEqualTo(200);
		HttpResponse<String> favicon = get("/favicon.ico");
		assertThat(favicon.statusCode()).isEqualTo(200);
		assertThat(favicon.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/"));
		assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
	}

	@Test
	void metricsAreScrapedWithoutSigningIn() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "application=\"identity-provider\"");
	}

	@Test
	void theEndSessionEndpointIsPublishedForTheConsolesSignOut() throws Exception {
		JsonNode metadata = JSON.readTree(get("/.well-known/openid-configuration").body());

		assertThat(metadata.path("end_session_endpoint").asString()).isEqualTo("http://127.0.0.1:9000/connect/logout");
	}

	@Test
	void theConsoleMayReturnOnlyToItsSignedOutPageAfterSigningOut() {
		assertThat(AuthorizationServerConfiguration.signedOutPages(List.of(
				"http://127.0.0.1:8084/login/oauth2/code/stepwise", "http://localhost:8084/login/oauth2/code/stepwise",
				"http://127.0.0.1:8084/login/oauth2/code/other")))
			.containsExactly("http://127.0.0.1:8084/signed-out.html", "http://localhost:8084/signed-out.html");
	}

	@Test
	void theConsoleLogsInWithAuthorizationCodeAndPkce() throws Exception {
		HttpResponse<String> authorize = get("/oauth2/authorize?response_type=code&client_id=stepwise-console"
				+ "&redirect_uri=http://127.0.0.1:8080/login/oauth2/code/stepwise&scope=openid"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
		// not logged in: sent to the login form
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(authorize.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	private JsonNode token(String client, String secret, String... parameters) throws Exception {
		HttpResponse<String> response = tokenRequest(client, secret, parameters);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> tokenRequest(String client, String secret, String... parameters) throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&",
					Stream.concat(Stream.of("grant_type=client_credentials"), Stream.of(parameters)).toList())))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private Jwt verify(String token) {
		return NimbusJwtDecoder.withJwkSetUri(uri("/oauth2/jwks").toString()).build().decode(token);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
