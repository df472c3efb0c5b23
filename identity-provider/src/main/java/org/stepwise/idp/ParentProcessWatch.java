package org.stepwise.idp;

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
 */
@Component
@ConditionalOnProperty("stepwise.parent-pid")
class ParentProcessWatch {

	private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

	ParentProcessWatch(@Value("${stepwise.parent-pid}") long parentPid, ConfigurableApplicationContext context) {
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
