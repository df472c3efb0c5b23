package org.stepwise.idp;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Stops the provider when the local stack that launched it ends (property
 * {@code stepwise.parent-pid}), as the services do, so no orphan holds port 9000.
 * <p>
 * Polls rather than waiting on {@link ProcessHandle#onExit()}: for a process that is not
 * our child the JDK polls too, but backs off to every 5 s. Nothing is left to acknowledge
 * to anyone: the provider gets {@link #GRACE} to close, then halts.
 */
@Component
@ConditionalOnProperty("stepwise.parent-pid")
class ParentProcessWatch {

	private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

	private static final Duration POLL = Duration.ofMillis(200);

	static final Duration GRACE = Duration.ofSeconds(3);

	ParentProcessWatch(@Value("${stepwise.parent-pid}") long parentPid, ConfigurableApplicationContext context) {
		// The launcher starts us directly: when it dies we are re-parented at once, even
		// while it is a zombie nobody has reaped.
		boolean ourParent = parentOfThisProcess().equals(Optional.of(parentPid));
		Thread.ofPlatform().name("parent-watch").daemon().start(() -> {
			while (alive(parentPid) && (!ourParent || parentOfThisProcess().equals(Optional.of(parentPid)))) {
				try {
					Thread.sleep(POLL);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			exit(context);
		});
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static Optional<Long> parentOfThisProcess() {
		return ProcessHandle.current().parent().map(ProcessHandle::pid);
	}

	private static void exit(ConfigurableApplicationContext context) {
		log.warn("Launcher process ended; shutting down within {} s", GRACE.toSeconds());
		Thread.ofPlatform().daemon().name("parent-exit-deadline").start(() -> {
			try {
				Thread.sleep(GRACE);
			}
			catch (InterruptedException ex) {
				// halt anyway
			}
			Runtime.getRuntime().halt(1);
		});
		System.exit(SpringApplication.exit(context));
	}

}
