package org.stepwise.plan.progress;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.plan.programs.Programs;
import org.stepwise.platform.inbox.EventInbox;

/** The Spring Cloud Stream bindings of plan-service (see application.yml). */
@Configuration(proxyBeanMethods = false)
class ProgressFunctions {

	/**
	 * Attendance, check-ins and assessments: one binding, so one poll spans all three.
	 */
	@Bean
	Consumer<Message<List<byte[]>>> progressInputs(EventInbox inbox, ProgressProjector projector) {
		return inbox.consumer(projector);
	}

	/**
	 * Programs read back (anonymous group): keeps every instance's program cache current;
	 * a tombstone evicts the program from the cache.
	 */
	@Bean
	Consumer<Message<List<byte[]>>> programFeed(EventInbox inbox, Programs programs) {
		return inbox.consumer((events) -> events.forEach((event) -> {
			if (event.data() instanceof ProgramUpdated updated) {
				programs.seen(updated);
			}
		}), programs::forget);
	}

}
