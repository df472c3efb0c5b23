package org.stepwise.platform.inbox;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;

/**
 * A decoded event with where it came from.
 *
 * @param traceparent the W3C trace context the record arrived with, or {@code null}
 */
public record ReceivedEvent(EventEnvelope<StepwiseEvent> envelope, String topic, int partition, long offset,
		String traceparent) {

	public ReceivedEvent(EventEnvelope<StepwiseEvent> envelope, String topic, int partition, long offset) {
		this(envelope, topic, partition, offset, null);
	}

	public String id() {
		return this.envelope.id();
	}

	public StepwiseEvent data() {
		return this.envelope.data();
	}

}
