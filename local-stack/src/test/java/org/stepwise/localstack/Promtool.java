package org.stepwise.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code prometheus} package ({@code .ci/run} installs it): the real
 * {@code promtool} and {@code prometheus} binaries. Tests that need them are skipped
 * where they are missing, except in CI ({@code CI=true}), where that is a failure.
 */
final class Promtool {

	private Promtool() {
	}

	static Path binary(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		if ("true".equals(System.getenv("CI"))) {
			fail(name + " is not installed: CI must have Debian's prometheus package (see .ci/run)");
		}
		assumeTrue(false, name + " is not installed (apt-get install -y --no-install-recommends prometheus)");
		return null;
	}

	/** Runs promtool with the arguments in {@code workDir} and returns its output. */
	static String run(Path workDir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(binary("promtool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + "\n" + output).isZero();
		return output;
	}

	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder above the working directory with docker-compose.yml").isNotNull();
		return dir;
	}

}
