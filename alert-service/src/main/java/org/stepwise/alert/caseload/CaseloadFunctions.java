package org.stepwise.alert.caseload;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.platform.inbox.EventInbox;

/**
 * The caseload's own consumer of plans, progress, attendance and check-ins (binding
 * {@code caseloadInputs-in-0}, its own group: a read model that never holds up alerting,
 * nor is held up by it).
 */
@Configuration(proxyBeanMethods = false)
class CaseloadFunctions {

	@Bean
	Consumer<Message<List<byte[]>>> caseloadInputs(EventInbox inbox, CaseloadProjector projector) {
		return inbox.consumer(projector::handle);
	}

}
