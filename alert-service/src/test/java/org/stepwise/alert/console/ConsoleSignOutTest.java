package org.stepwise.alert.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing out of the console ends the identity provider's session too (OIDC RP-initiated
 * logout), followed redirect by redirect as a browser would, with one cookie jar for both
 * (same context as {@link ConsoleSecurityTest}): after signing out, opening the console
 * asks for the password again, where before it signed the browser straight back in on the
 * provider's session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = { InfrastructureInitializer.class, IdentityProviderInitializer.class })
class ConsoleSignOutTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	@Test
	void signingOutEndsTheProvidersSessionSoTheNextSignInAsksForThePassword() throws Exception {
		String issuer = IdentityProviderInitializer.issuer();
		HttpResponse<String> login = get(console("/"));
		assertThat(login.uri().toString()).isEqualTo(issuer + "/login");
		signIn(login.body());
		// the provider's session alone signs the browser in again
		assertThat(get(console("/")).uri().toString()).isEqualTo(console("/"));

		get(console("/console/me"));
		HttpResponse<String> signOut = this.browser.send(HttpRequest.newBuilder(URI.create(console("/logout")))
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(200);
		String location = JsonMapper.builder().build().readTree(signOut.body()).path("location").asString();
		assertThat(location).startsWith(issuer + "/connect/logout?")
			.contains("id_token_hint=")
			.contains("post_logout_redirect_uri=" + console("/signed-out.html"));

		HttpResponse<String> signedOut = get(location);
		assertThat(signedOut.uri().toString()).isEqualTo(console("/signed-out.html"));
		assertThat(signedOut.statusCode()).isEqualTo(200);

		HttpResponse<String> again = get(console("/"));
		assertThat(again.uri().toString()).isEqualTo(issuer + "/login");
		assertThat(again.body()).contains("id=\"password\"");
	}

	private void signIn(String loginPage) throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(loginPage);
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		String form = "username=clinician-a1&password=demo&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = this.browser
			.send(HttpRequest.newBuilder(URI.create(IdentityProviderInitializer.issuer() + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.uri().toString()).isEqualTo(console("/"));
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String cookie(String name) {
		return this.cookies.getCookieStore()
			.get(URI.create(console("/")))
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie"));
	}

	private String console(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
