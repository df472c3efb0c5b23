package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's HTTP security without a browser (same context as
 * {@link ConsoleBrowserTest}, against the real identity provider): a strict
 * Content-Security-Policy and the security headers on the pages and their assets; sign-in
 * is authorization code with PKCE (S256) and a session cookie that is HttpOnly and
 * SameSite=Lax; a POST with the session cookie but without the CSRF token is a 403
 * problem; calls without any credentials are a 401 problem; bearer-token clients keep the
 * stateless chain (no session, no CSRF token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = { InfrastructureInitializer.class, IdentityProviderInitializer.class })
class ConsoleSecurityTest {

	static final String STRICT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	@LocalServerPort
	int port;

	@Test
	void theConsoleCarriesAStrictContentSecurityPolicyAndTheSecurityHeaders() {
		for (String path : List.of("/", "/patient.html?patientId=p-1", "/console/inbox.js", "/console/console.css",
				"/signed-out.html")) {
			HttpResponse<String> response = send(request(path).GET());
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue(STRICT_POLICY);
			assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
			assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
		}
		assertThat(send(request("/console/inbox.js").GET()).statusCode()).isEqualTo(200);
		assertThat(send(request("/signed-out.html").GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void aSignedOutBrowserIsSentToTheIdentityProviderWithPkceAndGetsAnHttpOnlyLaxSessionCookie() {
		HttpResponse<String> page = send(request("/patient.html?patientId=p-1").GET());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith(ConsoleSecurity.SIGN_IN);

		HttpResponse<String> signIn = send(request(ConsoleSecurity.SIGN_IN).GET());
		assertThat(signIn.statusCode()).isEqualTo(302);
		String authorize = signIn.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(IdentityProviderInitializer.issuer() + "/oauth2/authorize?")
			.contains("client_id=stepwise-console")
			.contains("code_challenge_method=S256")
			.contains("code_challenge=")
			.contains("redirect_uri=http://127.0.0.1:" + this.port + "/login/oauth2/code/stepwise");
		String cookie = signIn.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("STEPWISE_CONSOLE="))
			.findFirst()
			.orElseThrow();
		assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
	}

	@Test
	void aCookiePostWithoutTheCsrfTokenIsRefusedAndCallsWithoutCredentialsAre401() {
		// a session of the console (the one sign-in starts), without the CSRF token
		String session = send(request(ConsoleSecurity.SIGN_IN).GET()).headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("STEPWISE_CONSOLE="))
			.map((value) -> value.substring(0, value.indexOf(';')))
			.findFirst()
			.orElseThrow();
		HttpResponse<String> post = send(request("/api/v1/alerts/alert-1/acknowledge").header("Cookie", session)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"clinician-a1\"}")));
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(post.body());
		assertThat(problem.path("type").asString()).endsWith("/problems/csrf");
		assertThat(problem.path("status").asInt()).isEqualTo(403);

		// without any credentials: 401, for a change as for a read
		HttpResponse<String> anonymous = send(
				request("/api/v1/alerts/alert-1/acknowledge").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"clinician-a1\"}")));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> list = send(request("/api/v1/alerts").GET());
		assertThat(list.statusCode()).isEqualTo(401);
		assertThat(list.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
		assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void bearerTokenClientsKeepTheStatelessChain() {
		String token = clientCredentialsToken("clinician-a1", "demo");
		HttpResponse<String> list = send(
				request("/api/v1/alerts?programId=program-a").header("Authorization", "Bearer " + token).GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().allValues("Set-Cookie")).isEmpty();
		// no CSRF token needed with a bearer token: the unknown alert is a 404, not a 403
		HttpResponse<String> post = send(
				request("/api/v1/alerts/no-such-alert/acknowledge").header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"clinician-a1\"}")));
		assertThat(post.statusCode()).isEqualTo(404);
	}

	private static String clientCredentialsToken(String client, String secret) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(IdentityProviderInitializer.issuer() + "/oauth2/token"))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
	}

	/** The one place requests to the console are built. */
	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
