package org.stepwise.alert.alert;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import org.stepwise.alert.program.Programs;
import org.stepwise.alert.timeline.Timeline;
import org.stepwise.alert.webhook.Webhooks;
import org.stepwise.contracts.alert.AlertEvent;
import org.stepwise.platform.inbox.EventInbox;

/** The Spring Cloud Stream bindings of alert-service (see application.yml). */
@Configuration(proxyBeanMethods = false)
class AlertFunctions {

	@Bean
	Consumer<Message<List<byte[]>>> progress(EventInbox inbox, AlertProjector projector) {
		return inbox.consumer(projector::handleProgress);
	}

	/**
	 * Every alert change, for the live streams of this instance (anonymous group: a
	 * broadcast, from now on).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> alertFeed(EventInbox inbox, AlertRepository alerts, AlertStream stream) {
		return inbox.consumer((events) -> events.stream()
			.map((event) -> event.data())
			.filter(AlertEvent.class::isInstance)
			.map((event) -> ((AlertEvent) event).alertId())
			.distinct()
			.forEach((id) -> alerts.findById(id).ifPresent(stream::publish)));
	}

	/** Plan events: care teams and recommendations awaiting approval. */
	@Bean
	Consumer<Message<List<byte[]>>> plans(EventInbox inbox, AlertProjector projector) {
		return inbox.consumer(projector::handlePlans);
	}

	/** The programs read model, from the compacted programs topic. */
	@Bean
	Consumer<Message<List<byte[]>>> programFeed(EventInbox inbox, Programs programs) {
		return inbox.consumer(programs::handle);
	}

	/**
	 * Alert events to the programs' webhook targets (the service's group: one instance
	 * stores each delivery).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> webhookFeed(EventInbox inbox, Webhooks webhooks) {
		return inbox.consumer(webhooks::handle);
	}

	/**
	 * Assessments straight from assessment-service: the safety fast path, and the
	 * console's timeline (both idempotent, so a redelivered batch is harmless).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> assessments(EventInbox inbox, AlertProjector projector, Timeline timeline) {
		return inbox.consumer((events) -> {
			projector.handleAssessments(events);
			timeline.handle(events);
		});
	}

	/** Attendance for the console's timeline. */
	@Bean
	Consumer<Message<List<byte[]>>> attendance(EventInbox inbox, Timeline timeline) {
		return inbox.consumer(timeline::handle);
	}

}
