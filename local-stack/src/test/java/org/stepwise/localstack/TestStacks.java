package org.stepwise.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole-stack tests run the stack on free ports, beside any other stack on the machine.
 */
final class TestStacks {

	private TestStacks() {
	}

	/**
	 * The four services, the broker, the store and the identity provider, each on a free
	 * port; the provider with the demo accounts, which the tests sign in with.
	 */
	static StackOptions onFreePorts(Path dataDir) throws IOException {
		return new StackOptions(dataDir, Path.of("target", "services"), freePort(), freePort(), 3,
				List.of(new ServiceSpec("attendance-service", freePort()),
						new ServiceSpec("assessment-service", freePort()), new ServiceSpec("plan-service", freePort()),
						new ServiceSpec("alert-service", freePort())),
				freePort())
			.withDemoAccounts(true);
	}

	/**
	 * {@link #onFreePorts(Path)} with {@code instances} of each service, every instance
	 * on a free port of its own (the launcher's first port + 10k scheme would need ten
	 * ports in a row free; a test takes what the system hands out).
	 */
	static StackOptions onFreePorts(Path dataDir, int instances) throws IOException {
		StackOptions first = onFreePorts(dataDir);
		List<ServiceSpec> all = new ArrayList<>();
		for (int k = 0; k < instances; k++) {
			for (ServiceSpec service : first.services()) {
				all.add((k == 0) ? service : new ServiceSpec(service.name(), freePort(), k));
			}
		}
		return new StackOptions(first.dataDir(), first.servicesDir(), first.kafkaPort(), first.mongoPort(),
				first.partitions(), List.copyOf(all), first.idpPort(), first.bindAddress(), first.demoAccounts());
	}

	/**
	 * The lines of the services' logs (under {@code <dataDir>/logs}) that name any of
	 * these ids: the log policy says there are none, on failure paths too.
	 */
	static List<String> logLinesNaming(Path dataDir, List<String> ids) throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
			for (Path log : logs.filter(Files::isRegularFile).toList()) {
				for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
					if (ids.stream().anyMatch(line::contains)) {
						found.add(log.getFileName() + ": " + line);
					}
				}
			}
		}
		return found;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
