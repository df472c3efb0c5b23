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

	/**
	 * What alerts are made of: plans (care teams, recommendations), assessments (the
	 * safety fast path, without waiting for plan-service), progress and attendance (the
	 * console's timeline). One consumer for the four topics, so a patient's events are
	 * handled one batch at a time: two consumers raced to open the same patient's alert
	 * (a fast-path and a progress SAFETY alert, both OPEN). The topics are co-partitioned
	 * by patient id, so one instance owns a patient on all four.
	 */
	@Bean
	Consumer<Message<List<byte[]>>> alertInputs(EventInbox inbox, AlertProjector projector, Timeline timeline) {
		return inbox.consumer((events) -> {
			projector.handle(events);
			timeline.handle(events);
		});
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

	/**
	 * The programs read model, from the compacted programs topic; a tombstone removes the
	 * program (see {@link Programs#delete}).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> programFeed(EventInbox inbox, Programs programs) {
		return inbox.consumer(programs::handle, programs::delete);
	}

	/**
	 * Alert events to the programs' webhook targets (the service's group: one instance
	 * stores each delivery).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> webhookFeed(EventInbox inbox, Webhooks webhooks) {
		return inbox.consumer(webhooks::handle);
	}

}
