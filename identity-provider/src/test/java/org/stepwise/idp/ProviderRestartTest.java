package org.stepwise.idp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider started twice, one after the other: on the same data directory a token of
 * the first start verifies against the second start's JWKS (the signing key was kept);
 * without a data directory it does not (a fresh key each start, as before).
 */
class ProviderRestartTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dataDir;

	@Test
	void aTokenIssuedBeforeARestartIsStillAcceptedAfterIt() throws Exception {
		String token;
		try (ConfigurableApplicationContext first = start("--stepwise.idp.data-dir=" + this.dataDir)) {
			token = token(port(first));
		}

		try (ConfigurableApplicationContext second = start("--stepwise.idp.data-dir=" + this.dataDir)) {
			Jwt jwt = NimbusJwtDecoder.withJwkSetUri(uri(port(second), "/oauth2/jwks")).build().decode(token);

			assertThat(jwt.getClaimAsStringList("roles")).containsExactly("clinician");
			// and the second start signs with the same key
			assertThat(NimbusJwtDecoder.withJwkSetUri(uri(port(second), "/oauth2/jwks"))
				.build()
				.decode(token(port(second)))
				.getHeaders()).containsEntry("kid", jwt.getHeaders().get("kid"));
		}
	}

	@Test
	void withoutADataDirectoryEveryTokenEndsWithARestart() throws Exception {
		String token;
		try (ConfigurableApplicationContext first = start()) {
			token = token(port(first));
		}

		try (ConfigurableApplicationContext second = start()) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(uri(port(second), "/oauth2/jwks")).build();
			assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--stepwise.idp.demo-accounts=true";
		all[2] = "--spring.jmx.enabled=false";
		System.arraycopy(args, 0, all, 3, args.length);
		return new SpringApplicationBuilder(IdentityProviderApplication.class).run(all);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private String token(int port) throws Exception {
		String basic = Base64.getEncoder().encodeToString("clinician-a1:demo".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(uri(port, "/oauth2/token")))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("access_token").asString();
	}

	private static String uri(int port, String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
