package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;

import org.stepwise.idp.IdentityProviderApplication;

/**
 * Starts the real identity provider ({@link IdentityProviderApplication}, its own
 * application.yml, the demo accounts enabled) in the test JVM on a free port, once, and
 * points the alert-service test context at it: issuer and JWKS for the resource server,
 * authorize and token endpoints for the console's sign-in, and the service's own port
 * (chosen here, so the provider can register the console's redirect URI), and a
 * plan-service address where nothing answers (never a stack's plan-service on 8083: these
 * tests run no plan-service). List it after {@code InfrastructureInitializer}, whose
 * TestTokens issuer it replaces.
 *
 * <p>
 * Two Spring Boot applications in one JVM: the provider reads no application.yml from the
 * class path (alert-service's would be found first) but its own file, loaded explicitly,
 * and leaves out the auto-configurations of alert-service's class path it does not have
 * itself (platform, Kafka, MongoDB, Spring Cloud, tracing, OpenAPI, OAuth2 client and
 * resource server).
 */
public class IdentityProviderInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final List<String> NOT_THE_PROVIDERS = List.of("org.stepwise.", "org.springframework.cloud.",
			"mongo", "kafka", "tracing", "springdoc", "zipkin", "opentelemetry", "oauth2.client",
			"oauth2.server.resource");

	private static Started started;

	record Started(String issuer, int consolePort, int noPlanServicePort) {
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Started provider = start();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", provider.consolePort());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", provider.issuer());
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", provider.issuer() + "/oauth2/jwks");
		properties.put("spring.security.oauth2.client.provider.stepwise.authorization-uri",
				provider.issuer() + "/oauth2/authorize");
		properties.put("spring.security.oauth2.client.provider.stepwise.token-uri",
				provider.issuer() + "/oauth2/token");
		properties.put("stepwise.console.plan-service-url", "http://127.0.0.1:" + provider.noPlanServicePort());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("stepwise-test-identity-provider", properties));
	}

	/** The provider's issuer. */
	static String issuer() {
		return start().issuer();
	}

	static synchronized Started start() {
		if (started == null) {
			int idpPort = freePort();
			int consolePort = freePort();
			String issuer = "http://127.0.0.1:" + idpPort;
			StandardEnvironment environment = new StandardEnvironment();
			Map<String, Object> overrides = new HashMap<>();
			overrides.put("spring.config.name", "stepwise-identity-provider-in-test");
			overrides.put("server.port", idpPort);
			overrides.put("spring.security.oauth2.authorizationserver.issuer", issuer);
			overrides.put("stepwise.idp.console-redirect-uris",
					"http://127.0.0.1:" + consolePort + "/login/oauth2/code/stepwise");
			overrides.put("spring.autoconfigure.exclude", String.join(",", foreignAutoConfigurations()));
			// the accounts these tests sign in with (clinician-a1 / demo)
			overrides.put("stepwise.idp.demo-accounts", true);
			overrides.put("spring.jmx.enabled", false);
			// platform's PlatformDefaults (an EnvironmentPostProcessor, so in every app
			// of the JVM) expects MongoDB
			overrides.put("management.endpoint.health.group.readiness.include", "readinessState");
			environment.getPropertySources().addFirst(new MapPropertySource("idp-test-overrides", overrides));
			for (PropertySource<?> own : ownApplicationYml()) {
				environment.getPropertySources().addAfter("idp-test-overrides", own);
			}
			new SpringApplicationBuilder(IdentityProviderApplication.class).environment(environment)
				.web(WebApplicationType.SERVLET)
				.run();
			// free when chosen and never listened on: the console's calls are refused
			started = new Started(issuer, consolePort, freePort());
		}
		return started;
	}

	/**
	 * identity-provider's application.yml, next to its classes (a directory or its jar).
	 */
	private static List<PropertySource<?>> ownApplicationYml() {
		try {
			URL location = IdentityProviderApplication.class.getProtectionDomain().getCodeSource().getLocation();
			URL yml = location.getPath().endsWith(".jar") ? new URL("jar:" + location + "!/application.yml")
					: new URL(location, "application.yml");
			return new YamlPropertySourceLoader().load("identity-provider application.yml", new UrlResource(yml));
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> foreignAutoConfigurations() {
		List<String> foreign = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class,
				IdentityProviderInitializer.class.getClassLoader())) {
			String name = candidate.toLowerCase(Locale.ROOT);
			if (NOT_THE_PROVIDERS.stream().anyMatch(name::contains)) {
				foreign.add(candidate);
			}
		}
		return foreign;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
