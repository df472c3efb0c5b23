package org.stepwise.plan.progress;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.platform.inbox.EventInbox;

/** The Spring Cloud Stream bindings of the progress projection (see application.yml). */
@Configuration(proxyBeanMethods = false)
class ProgressFunctions {

	@Bean
	Consumer<Message<List<byte[]>>> attendance(EventInbox inbox, ProgressProjector projector) {
		return inbox.consumer(projector);
	}

}
