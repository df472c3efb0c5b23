package org.stepwise.idp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may get a token, by configuration: nobody by default (the demo accounts only when
 * asked for), the users file's accounts with their hashed passwords, and no start at all
 * with a plain-text password in the file.
 */
class AccountsTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void theDemoAccountsAreAbsentUnlessEnabled() throws Exception {
		try (ConfigurableApplicationContext provider = start()) {
			assertThat(tokenStatus(provider, "clinician-a1", "demo")).isEqualTo(401);
			assertThat(tokenStatus(provider, "stepwise-ingest", "ingest-secret")).isEqualTo(401);
		}
		try (ConfigurableApplicationContext provider = start("--stepwise.idp.demo-accounts=true")) {
			assertThat(tokenStatus(provider, "clinician-a1", "demo")).isEqualTo(200);
		}
	}

	@Test
	void theUsersFilesAccountsGetTokensWithTheirPasswords() throws Exception {
		Path users = Files.writeString(this.dir.resolve("users.yml"), """
				accounts:
				  - name: dr-jones
				    password: "%s"
				    roles: [clinician]
				    programs: [iop-north]
				    clinician-id: c-17
				""".formatted(HashPassword.hash("correct horse battery staple")));

		try (ConfigurableApplicationContext provider = start("--stepwise.idp.users-file=" + users)) {
			assertThat(tokenStatus(provider, "dr-jones", "correct horse battery staple")).isEqualTo(200);
			assertThat(tokenStatus(provider, "dr-jones", "wrong")).isEqualTo(401);
			assertThat(tokenStatus(provider, "clinician-a1", "demo")).isEqualTo(401);
		}
	}

	@Test
	void aPlainTextPasswordInTheUsersFileStopsTheStartNamingTheAccount() throws Exception {
		Path users = Files.writeString(this.dir.resolve("users.yml"), """
				accounts:
				  - name: dr-jones
				    password: hunter2-plain
				    roles: [clinician]
				""");

		assertThatThrownBy(() -> start("--stepwise.idp.users-file=" + users).close()).rootCause()
			.hasMessageContaining("'dr-jones'")
			.hasMessageNotContaining("hunter2-plain");
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--spring.jmx.enabled=false";
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplicationBuilder(IdentityProviderApplication.class).run(all);
	}

	private int tokenStatus(ConfigurableApplicationContext provider, String client, String secret) throws Exception {
		int port = ((WebServerApplicationContext) provider).getWebServer().getPort();
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

}
