package org.stepwise.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a durable {@link MongoWireServer} in its own process until SIGTERM:
 * {@code MongoWireServerMain <file> <port>}. Prints {@code READY <port>} once it accepts
 * clients. Used to prove that killing the process loses no acknowledged write.
 */
public final class MongoWireServerMain {

	private MongoWireServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		MongoWireServer server = MongoWireServer.durable(Path.of(args[0]), Integer.parseInt(args[1]));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}));
		System.out.println("READY " + server.port());
		System.out.flush();
		stopped.await();
	}

}
