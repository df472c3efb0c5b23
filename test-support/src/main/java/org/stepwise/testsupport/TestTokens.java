package org.stepwise.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Access tokens for tests, shaped like the identity provider's (claims {@code roles},
 * {@code programs}, {@code clinician_id}, {@code patient_id}), signed with a test RSA key
 * whose JWKS a small JDK HTTP server publishes on a free loopback port.
 * {@link InfrastructureInitializer} points every Spring test's resource server at it, so
 * the real JWT validation runs in every integration test.
 */
public final class TestTokens {

	/** The programs of the demo data: {@link #ingest()} may write to both. */
	public static final List<String> DEMO_PROGRAMS = List.of("program-a", "program-b");

	private static final Duration LIFETIME = Duration.ofMinutes(15);

	private static Issuer issuer;

	private TestTokens() {
	}

	/** The ingest machine client of both demo programs. */
	public static String ingest() {
		return ingest(DEMO_PROGRAMS.toArray(String[]::new));
	}

	public static String ingest(String... programs) {
		return token("stepwise-ingest", List.of("ingest"), List.of(programs), null, null);
	}

	public static String clinician(String clinicianId, String... programs) {
		return token(clinicianId, List.of("clinician"), List.of(programs), clinicianId, null);
	}

	public static String programAdmin(String... programs) {
		return token("admin-" + String.join("-", programs), List.of("program-admin"), List.of(programs), null, null);
	}

	public static String patient(String patientId, String program) {
		return token(patientId, List.of("patient"), List.of(program), null, patientId);
	}

	/**
	 * Every staff role (ingest, clinician {@code clinician-test}, program admin) in these
	 * programs: for functional tests that are not about authorization.
	 */
	public static String operator(String... programs) {
		return token("operator", List.of("ingest", "clinician", "program-admin"), List.of(programs), "clinician-test",
				null);
	}

	/** A token with the given roles claim values (including unknown ones). */
	public static String withRoles(String subject, List<String> roles, String... programs) {
		return token(subject, roles, List.of(programs), null, null);
	}

	/** A clinician token that expired an hour ago. */
	public static String expired(String clinicianId, String... programs) {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		return issuer().sign(claims(clinicianId, List.of("clinician"), List.of(programs), clinicianId, null,
				issuer().url, issued, issued.plus(Duration.ofHours(1))));
	}

	/** A clinician token from another issuer, signed with the right key. */
	public static String otherIssuer(String clinicianId, String... programs) {
		Instant now = Instant.now();
		return issuer().sign(claims(clinicianId, List.of("clinician"), List.of(programs), clinicianId, null,
				"https://evil.example", now, now.plus(LIFETIME)));
	}

	/** A clinician token signed with a key the JWKS does not publish. */
	public static String forged(String clinicianId, String... programs) {
		Instant now = Instant.now();
		JWTClaimsSet claims = claims(clinicianId, List.of("clinician"), List.of(programs), clinicianId, null,
				issuer().url, now, now.plus(LIFETIME));
		return Issuer.sign(claims, Issuer.newKey("forger"));
	}

	public static String token(String subject, List<String> roles, List<String> programs, String clinicianId,
			String patientId) {
		Instant now = Instant.now();
		return issuer()
			.sign(claims(subject, roles, programs, clinicianId, patientId, issuer().url, now, now.plus(LIFETIME)));
	}

	/**
	 * A token with one claim more than {@link #token}'s, e.g. an OAuth {@code scope}.
	 */
	public static String withClaim(String subject, List<String> roles, List<String> programs, String clinicianId,
			String claim, Object value) {
		Instant now = Instant.now();
		JWTClaimsSet claims = claims(subject, roles, programs, clinicianId, null, issuer().url, now,
				now.plus(LIFETIME));
		return issuer().sign(new JWTClaimsSet.Builder(claims).claim(claim, value).build());
	}

	/**
	 * Adds {@code Authorization: Bearer <token>} to every request of a client that does
	 * not set one itself.
	 */
	public static ClientHttpRequestInterceptor bearer(String token) {
		return new Bearer(token);
	}

	/**
	 * Makes a client's requests carry this token, replacing a token set this way before,
	 * e.g. {@code TestTokens.authorize(http.getRestTemplate().getInterceptors(), token)}.
	 */
	public static void authorize(List<ClientHttpRequestInterceptor> interceptors, String token) {
		interceptors.removeIf(Bearer.class::isInstance);
		interceptors.add(new Bearer(token));
	}

	private record Bearer(String token) implements ClientHttpRequestInterceptor {

		@Override
		public org.springframework.http.client.ClientHttpResponse intercept(
				org.springframework.http.HttpRequest request, byte[] body,
				org.springframework.http.client.ClientHttpRequestExecution execution) throws IOException {
			if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
				request.getHeaders().setBearerAuth(this.token);
			}
			return execution.execute(request, body);
		}

		@Override
		public String toString() {
			return "Bearer[...]";
		}

	}

	/** The token issuer ({@code iss}), e.g. {@code http://127.0.0.1:41234}. */
	public static String issuerUri() {
		return issuer().url;
	}

	public static String jwkSetUri() {
		return issuer().url + "/jwks";
	}

	/** The resource-server properties that make a service trust these tokens. */
	public static Map<String, Object> resourceServerProperties() {
		return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
	}

	private static JWTClaimsSet claims(String subject, List<String> roles, List<String> programs, String clinicianId,
			String patientId, String iss, Instant issued, Instant expires) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(iss)
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("programs", programs);
		if (clinicianId != null) {
			claims.claim("clinician_id", clinicianId);
		}
		if (patientId != null) {
			claims.claim("patient_id", patientId);
		}
		return claims.build();
	}

	private static synchronized Issuer issuer() {
		if (issuer == null) {
			issuer = Issuer.start();
		}
		return issuer;
	}

	private static final class Issuer {

		private final RSAKey key;

		private final String url;

		private Issuer(RSAKey key, String url) {
			this.key = key;
			this.url = url;
		}

		static Issuer start() {
			RSAKey key = newKey("stepwise-test");
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				server.createContext("/jwks", (exchange) -> {
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, jwks.length);
					try (OutputStream body = exchange.getResponseBody()) {
						body.write(jwks);
					}
				});
				server.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
				return new Issuer(key, "http://127.0.0.1:" + server.getAddress().getPort());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		static RSAKey newKey(String keyId) {
			try {
				return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String sign(JWTClaimsSet claims) {
			return sign(claims, this.key);
		}

		static String sign(JWTClaimsSet claims, RSAKey key) {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
					.type(JOSEObjectType.JWT)
					.build(), claims);
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** For diagnostics: the claims of a token, unverified. */
	static Map<String, Object> claimsOf(String token) {
		try {
			return new LinkedHashMap<>(SignedJWT.parse(token).getJWTClaimsSet().getClaims());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
