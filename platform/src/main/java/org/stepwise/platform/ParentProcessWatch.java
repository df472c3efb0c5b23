package org.stepwise.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the service when the process that launched it ends (property
 * {@code stepwise.parent-pid}, set by the local stack), so killing the launcher, even
 * with SIGKILL, leaves no orphan service holding its port.
 */
public final class ParentProcessWatch {

	private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

	public ParentProcessWatch(long parentPid, ConfigurableApplicationContext context) {
		ProcessHandle.of(parentPid)
			.ifPresentOrElse((parent) -> parent.onExit().thenRun(() -> exit(context)), () -> exit(context));
	}

	private static void exit(ConfigurableApplicationContext context) {
		Thread.ofPlatform().name("parent-exit").start(() -> {
			log.warn("Launcher process ended; shutting down");
			System.exit(SpringApplication.exit(context));
		});
	}

}
