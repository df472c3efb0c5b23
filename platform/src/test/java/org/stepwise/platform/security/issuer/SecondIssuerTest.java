package org.stepwise.platform.security.issuer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service configured for another OpenID Connect provider, shaped like Keycloak (realm
 * issuer, roles in {@code realm_access.roles}, programs from a user attribute, the
 * clinician id from {@code preferred_username}), with its own signing key: its tokens are
 * accepted and read as Stepwise claims; the bundled provider's (here: the test tokens'
 * issuer, which every other test trusts) and any other issuer's are refused.
 */
@SpringBootTest(classes = SecondIssuerTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=second-issuer-test", "spring.mongodb.database=second-issuer-test",
				"stepwise.security.claims.roles=realm_access.roles",
				"stepwise.security.claims.programs=stepwise_programs",
				"stepwise.security.claims.clinician-id=preferred_username",
				"stepwise.security.claims.patient-id=patient_ref" })
@ContextConfiguration(initializers = { InfrastructureInitializer.class, SecondIssuerTest.Keycloak.class })
class SecondIssuerTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void aTokenOfTheConfiguredIssuerIsReadWithItsClaimMapping() throws Exception {
		String token = Keycloak.sign(Keycloak.issuer(),
				Map.of("realm_access",
						Map.of("roles", List.of("clinician", "offline_access", "default-roles-stepwise")),
						"stepwise_programs", List.of("program-a"), "preferred_username", "clinician-a1"));

		HttpResponse<String> response = whoAmI(token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("roles=[clinician] programs=[program-a] clinician=clinician-a1 patient=");
	}

	@Test
	void aPatientsIdComesFromItsOwnClaim() throws Exception {
		String token = Keycloak.sign(Keycloak.issuer(), Map.of("realm_access", Map.of("roles", List.of("patient")),
				"stepwise_programs", "program-a", "patient_ref", "patient-42", "preferred_username", "pat"));

		HttpResponse<String> response = whoAmI(token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("roles=[patient] programs=[program-a] clinician=pat patient=patient-42");
	}

	@Test
	void aTokenOfAnIssuerNotConfiguredIsRefused() throws Exception {
		// the bundled provider's shape, from the issuer every other test trusts
		assertThat(whoAmI(TestTokens.clinician("clinician-a1", "program-a")).statusCode()).isEqualTo(401);
		// the right key, another issuer
		String otherIssuer = Keycloak.sign("http://127.0.0.1:1/realms/other", Map.of("realm_access",
				Map.of("roles", List.of("clinician")), "stepwise_programs", List.of("program-a")));
		assertThat(whoAmI(otherIssuer).statusCode()).isEqualTo(401);
	}

	@Test
	void theIssuersRolesStillDecideAccess() throws Exception {
		String noStepwiseRole = Keycloak.sign(Keycloak.issuer(), Map.of("realm_access",
				Map.of("roles", List.of("offline_access")), "stepwise_programs", List.of("program-a")));

		assertThat(whoAmI(noStepwiseRole).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> whoAmI(String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/whoami"))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A service that says who is calling: any Stepwise role may ask. */
	@SpringBootApplication
	static class App {

		@Bean
		ApiAccessRules whoAmIAccess() {
			return (requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/whoami")
				.hasAnyRole(Role.names(Role.values()));
		}

		@RestController
		static class WhoAmI {

			@GetMapping("/api/v1/whoami")
			String whoAmI(Caller caller) {
				return "roles=" + caller.roleClaims() + " programs=" + caller.programs() + " clinician="
						+ caller.clinicianId().orElse("") + " patient=" + caller.patientId().orElse("");
			}

		}

	}

	/**
	 * The second issuer: a realm's issuer URI and its JWKS on a loopback port, a key of
	 * its own. Listed after {@code InfrastructureInitializer}, whose issuer it replaces.
	 */
	static class Keycloak implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		private static final RSAKey KEY = newKey();

		private static String issuer;

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("second-issuer",
						Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer(),
								"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
								issuer() + "/protocol/openid-connect/certs")));
		}

		static synchronized String issuer() {
			if (issuer == null) {
				byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
				try {
					HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
							0);
					server.createContext("/realms/stepwise/protocol/openid-connect/certs", (exchange) -> {
						exchange.getResponseHeaders().set("Content-Type", "application/json");
						exchange.sendResponseHeaders(200, jwks.length);
						try (OutputStream body = exchange.getResponseBody()) {
							body.write(jwks);
						}
					});
					server.start();
					issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/stepwise";
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return issuer;
		}

		static String sign(String iss, Map<String, Object> claims) {
			Instant now = Instant.now();
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(iss)
				.subject("6a0c1f7e-kc-user")
				.audience("account")
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
			claims.forEach(builder::claim);
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
						builder.build());
				jwt.sign(new RSASSASigner(KEY));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static RSAKey newKey() {
			try {
				return new RSAKeyGenerator(2048).keyID("kc-realm-key").keyUse(KeyUse.SIGNATURE).generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
