package org.stepwise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up caches of the child JVMs: JDK 25's AOT cache (JEP 483/514), which keeps the
 * classes a service loads and links while it starts, already parsed and linked. Each
 * service's executable jar is extracted (the cache needs that layout, see Spring Boot's
 * "AOT Cache") and a training run records {@code app.aot}: the service starts against the
 * running broker and store and exits once its application context has refreshed
 * ({@code spring.context.exit=onRefresh}), before it binds a port or consumes anything.
 * <p>
 * Training runs in the background after a start that lacked a cache, one service at a
 * time and at low priority, so no start waits for it; the next start uses the caches. A
 * cache is used only while the jar, the JDK and the JVM flags it was recorded with are
 * the same (a stamp beside it), and never half-written (recorded under a temporary name,
 * renamed on success).
 */
final class StartupCache {

	/** {@code -XX:AOTCacheOutput} (one-step training) came with JDK 25. */
	static final int MINIMUM_JDK = 25;

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

	private final Path root;

	private StartupCache(Path root) {
		this.root = root;
	}

	/** Caches kept in {@code dir}, one folder per service. */
	static StartupCache in(Path dir) {
		return new StartupCache(dir);
	}

	static boolean supported() {
		return Runtime.version().feature() >= MINIMUM_JDK;
	}

	/**
	 * How to run the service's jar: from its extracted copy with the cache when a valid
	 * one exists, else from the jar itself.
	 */
	List<String> launch(String service, Path jar) {
		Path folder = this.root.resolve(service);
		if (supported() && Files.isRegularFile(folder.resolve("app.aot")) && stampOf(jar).equals(readStamp(folder))) {
			return List.of("-XX:AOTCache=" + folder.resolve("app.aot"), "-jar",
					folder.resolve("app").resolve(jar.getFileName()).toString());
		}
		return List.of("-jar", jar.toString());
	}

	boolean missing(String service, Path jar) {
		return !launch(service, jar).get(0).startsWith("-XX:AOTCache=");
	}

	/**
	 * Records the caches the given services lack, one after another, on a daemon thread.
	 * @param env the services' environment (broker, store, issuer)
	 * @param stillWanted false once the stack stops: no training starts after that
	 */
	void trainInBackground(Map<String, Path> jars, Map<String, String> env,
			java.util.function.BooleanSupplier stillWanted) {
		if (!supported()) {
			return;
		}
		List<String> lacking = jars.keySet().stream().filter((name) -> missing(name, jars.get(name))).sorted().toList();
		if (lacking.isEmpty()) {
			return;
		}
		Thread.ofPlatform().name("stepwise-startup-cache").daemon().start(() -> {
			long started = System.nanoTime();
			List<String> made = new ArrayList<>();
			for (String service : lacking) {
				if (!stillWanted.getAsBoolean()) {
					return;
				}
				try {
					if (train(service, jars.get(service), env)) {
						made.add(service);
					}
				}
				catch (IOException ex) {
					System.out.println("stepwise: no start-up cache for " + service + ": " + ex.getMessage());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (!made.isEmpty()) {
				System.out.printf("stepwise: start-up caches recorded for %s in %d s; the next start uses them%n",
						String.join(", ", made), Duration.ofNanos(System.nanoTime() - started).toSeconds());
			}
		});
	}

	/** Extracts the jar and records its cache; true if a usable cache now exists. */
	boolean train(String service, Path jar, Map<String, String> env) throws IOException, InterruptedException {
		Path folder = this.root.resolve(service);
		deleteRecursively(folder);
		Files.createDirectories(folder);
		Path log = folder.resolve("training.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		if (run(List.of(java, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
				folder.resolve("app").toAbsolutePath().toString()), Map.of(), log) != 0) {
			return false;
		}
		Path recording = folder.resolve("app.aot.recording");
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
			// the stack is serving: the training must not slow it down
			command.addAll(List.of("/usr/bin/nice", "-n", "10"));
		}
		command.add(java);
		command.addAll(ServiceProcess.jvmFlags());
		command.addAll(List.of("-XX:AOTCacheOutput=" + recording, "-Dspring.context.exit=onRefresh",
				"-Dstepwise.parent-pid=" + ProcessHandle.current().pid(), "-jar",
				folder.resolve("app").resolve(jar.getFileName()).toString()));
		Map<String, String> trainingEnv = new java.util.HashMap<>(env);
		// never binds it (the context exits before the server starts), but must not clash
		trainingEnv.put("SERVER_PORT", "0");
		run(command, trainingEnv, log);
		// exiting on refresh is not a clean exit code in every Spring version; the cache
		// file being there is what counts
		if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
			return false;
		}
		Files.move(recording, folder.resolve("app.aot"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Files.writeString(folder.resolve("stamp"), stampOf(jar));
		return true;
	}

	private static int run(List<String> command, Map<String, String> env, Path log)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		Process process = builder.start();
		if (!process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			return -1;
		}
		return process.exitValue();
	}

	/** What the cache depends on: the jar's bytes (size and time), the JDK, the flags. */
	static String stampOf(Path jar) {
		try {
			return "jar=" + Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis() + "\njdk="
					+ Runtime.version() + "\nflags=" + String.join(" ", ServiceProcess.jvmFlags()) + "\n";
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

	private static String readStamp(Path folder) {
		try {
			return Files.readString(folder.resolve("stamp"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
