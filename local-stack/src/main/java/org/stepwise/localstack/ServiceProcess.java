package org.stepwise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service in its own JVM, started from its executable jar, with its output in a log
 * file. It watches the launcher's pid and exits if the launcher dies, so a killed stack
 * leaves no orphan holding a port.
 */
final class ServiceProcess implements AutoCloseable {

	/**
	 * Small heaps and a fast-starting JIT: the four services together stay far below the
	 * 2 GiB budget and start within a minute on two cores.
	 */
	static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m",
			"-XX:+ExitOnOutOfMemoryError");

	private final ServiceSpec spec;

	private final Process process;

	private final Path log;

	/** How its code was given to the JVM ({@code -jar ...}), to start it again. */
	private final List<String> launch;

	private final Map<String, String> env;

	/** Where this machine reaches it (see {@link StackOptions#reachableHost()}). */
	private final String host;

	private final long startedAt = System.nanoTime();

	private ServiceProcess(ServiceSpec spec, String host, Process process, Path log, List<String> launch,
			Map<String, String> env) {
		this.spec = spec;
		this.host = host;
		this.process = process;
		this.log = log;
		this.launch = launch;
		this.env = env;
	}

	/** The flags of every child JVM (a start-up cache is recorded with exactly these). */
	static List<String> jvmFlags() {
		List<String> flags = new ArrayList<>(JVM_FLAGS);
		if (Runtime.version().feature() >= 24) {
			// Kafka's client still uses sun.misc.Unsafe; allow it quietly instead of a
			// warning per start.
			flags.add("--sun-misc-unsafe-memory-access=allow");
		}
		return flags;
	}

	/**
	 * @param launch how the JVM gets the service's code: {@code -jar} and the jar, with a
	 * {@link StartupCache} before them when there is one
	 */
	static ServiceProcess start(ServiceSpec spec, List<String> launch, Path logDir, Map<String, String> env)
			throws IOException {
		return start(spec, StackOptions.LOOPBACK, launch, logDir, env);
	}

	/**
	 * @param host where this machine reaches the service; the address it listens on is
	 * {@code SERVER_ADDRESS} in {@code env} (Spring's default, every interface, if none)
	 */
	static ServiceProcess start(ServiceSpec spec, String host, List<String> launch, Path logDir,
			Map<String, String> env) throws IOException {
		Files.createDirectories(logDir);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmFlags());
		command.add("-Dstepwise.parent-pid=" + ProcessHandle.current().pid());
		command.addAll(launch);
		// one log per instance: two JVMs appending to one file would interleave their
		// lines
		Path log = logDir.resolve(spec.instanceName() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		builder.environment().put("SERVER_PORT", Integer.toString(spec.port()));
		return new ServiceProcess(spec, host, builder.start(), log, List.copyOf(launch), Map.copyOf(env));
	}

	/** The same service started again, appending to the same log. */
	ServiceProcess restart() throws IOException {
		return start(this.spec, this.host, this.launch, this.log.getParent(), this.env);
	}

	/** How long it has run (or ran, until now). */
	Duration uptime() {
		return Duration.ofNanos(System.nanoTime() - this.startedAt);
	}

	/** The exit code of an ended process (128 + signal for a killed one). */
	int exitCode() {
		return this.process.exitValue();
	}

	ServiceSpec spec() {
		return this.spec;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	boolean ready(HttpClient http) {
		try {
			HttpResponse<Void> response = http
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String baseUrl() {
		return "http://" + this.host + ":" + this.spec.port();
	}

	/** Asks the service to stop (SIGTERM, graceful) without waiting. */
	void requestStop() {
		this.process.destroy();
	}

	/** Waits for a requested stop, killing the JVM if it takes too long. */
	void awaitStop(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	@Override
	public void close() {
		requestStop();
		awaitStop(Duration.ofSeconds(20));
	}

}
