package org.stepwise.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in its own JVM with the test's class path, for tests that must kill a
 * process (SIGKILL) and start it again. Output is read until a ready line, then drained
 * so the child never blocks on a full pipe.
 */
public final class ChildJvm {

	private final Process process;

	private ChildJvm(Process process) {
		this.process = process;
	}

	/**
	 * Starts {@code mainClass} and returns once it printed a line starting with
	 * {@code readyPrefix}.
	 */
	public static ChildJvm start(Class<?> mainClass, String readyPrefix, List<String> jvmOptions, String... args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(readyPrefix)) {
					Thread.ofVirtual().start(() -> drain(output));
					return new ChildJvm(process);
				}
			}
			throw new IllegalStateException(mainClass.getSimpleName() + " ended before it was ready");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void drain(BufferedReader output) {
		try {
			while (output.readLine() != null) {
				// discard
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
	}

}
