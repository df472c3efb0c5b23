package org.stepwise.attendance.program;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.platform.inbox.EventInbox;

/**
 * The programs read model's binding ({@code programFeed-in-0}:
 * {@code stepwise.programs.v1}).
 */
@Configuration(proxyBeanMethods = false)
class ProgramsBinding {

	@Bean
	Consumer<Message<List<byte[]>>> programFeed(EventInbox inbox, KnownPrograms programs) {
		return inbox.consumer(programs::handle, programs::delete);
	}

}
