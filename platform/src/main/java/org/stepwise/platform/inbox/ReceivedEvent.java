package org.stepwise.platform.inbox;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;

/** A decoded event with where it came from. */
public record ReceivedEvent(EventEnvelope<StepwiseEvent> envelope, String topic, int partition, long offset) {

	public String id() {
		return this.envelope.id();
	}

	public StepwiseEvent data() {
		return this.envelope.data();
	}

}
