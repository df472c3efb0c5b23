package org.stepwise.alert.alert;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.platform.inbox.EventInbox;

/** The Spring Cloud Stream bindings of alert-service (see application.yml). */
@Configuration(proxyBeanMethods = false)
class AlertFunctions {

	@Bean
	Consumer<Message<List<byte[]>>> progress(EventInbox inbox, AlertProjector projector) {
		return inbox.consumer(projector::handleProgress);
	}

	/** The safety fast path: assessments straight from assessment-service. */
	@Bean
	Consumer<Message<List<byte[]>>> assessments(EventInbox inbox, AlertProjector projector) {
		return inbox.consumer(projector::handleAssessments);
	}

}
