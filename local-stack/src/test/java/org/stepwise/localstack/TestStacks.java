package org.stepwise.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Whole-stack tests run the stack on free ports, beside any other stack on the machine.
 */
final class TestStacks {

	private TestStacks() {
	}

	/**
	 * The four services, the broker, the store and the identity provider, each on a free
	 * port.
	 */
	static StackOptions onFreePorts(Path dataDir) throws IOException {
		return new StackOptions(dataDir, Path.of("target", "services"), freePort(), freePort(), 3,
				List.of(new ServiceSpec("attendance-service", freePort()),
						new ServiceSpec("assessment-service", freePort()), new ServiceSpec("plan-service", freePort()),
						new ServiceSpec("alert-service", freePort())),
				freePort());
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
