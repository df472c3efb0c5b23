package org.stepwise.localstack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The start-up cache on a real service (the identity provider: it needs neither broker
 * nor store): recorded by a training run, then used by a start that would refuse to run
 * without it, and ignored once the jar changes.
 */
class StartupCacheTest {

	@TempDir
	static Path work;

	static Path jar;

	@BeforeAll
	static void copyTheJar() throws IOException {
		assumeTrue(StartupCache.supported(), "the AOT cache's one-step training needs JDK 25");
		try (Stream<Path> files = Files.list(Path.of("target", "services"))) {
			Path built = files.filter((f) -> f.getFileName().toString().startsWith("identity-provider-"))
				.findFirst()
				.orElseThrow();
			jar = Files.copy(built, work.resolve(built.getFileName()));
		}
	}

	@Test
	void aRecordedCacheIsUsedAndAChangedJarIsStartedWithoutIt() throws Exception {
		StartupCache cache = StartupCache.in(work.resolve("startup-cache"));
		assertThat(cache.missing("identity-provider", jar)).isTrue();

		assertThat(cache.train("identity-provider", jar, Map.of())).isTrue();

		List<String> launch = cache.launch("identity-provider", jar);
		assertThat(launch.get(0)).startsWith("-XX:AOTCache=");
		// AOTMode=on: the JVM exits at once if it cannot map the cache, instead of
		// silently starting without it
		List<String> strict = new ArrayList<>(List.of("-XX:AOTMode=on"));
		strict.addAll(launch);
		ServiceSpec spec = new ServiceSpec("identity-provider", TestStacks.freePort());
		try (ServiceProcess provider = ServiceProcess.start(spec, strict, work.resolve("logs"),
				Map.of("STEPWISE_ISSUER_URI", "http://127.0.0.1:" + spec.port()))) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (!provider.ready(http) && provider.alive() && System.nanoTime() < deadline) {
				Thread.sleep(250);
			}
			assertThat(provider.ready(http)).as("started on its cache; log: %s", Files.readString(provider.log()))
				.isTrue();
		}

		Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
		assertThat(cache.launch("identity-provider", jar)).containsExactly("-jar", jar.toString());
		assertThat(cache.missing("identity-provider", jar)).isTrue();
	}

}
