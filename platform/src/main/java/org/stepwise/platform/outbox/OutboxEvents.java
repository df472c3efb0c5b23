package org.stepwise.platform.outbox;

import java.time.Instant;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;

/**
 * Makes the outbox entry of a new event: a CloudEvents envelope whose {@code source} is
 * this service ({@code /stepwise/<spring.application.name>}), encoded once, ready to
 * store in the changed document.
 */
public final class OutboxEvents {

	private final EventCodec codec;

	private final String source;

	public OutboxEvents(EventCodec codec, String applicationName) {
		this.codec = codec;
		this.source = "/stepwise/" + applicationName;
	}

	public OutboxEntry entry(StepwiseEvent data, Instant time) {
		return OutboxEntry.of(this.codec, EventEnvelope.of(this.source, data, time));
	}

	public String source() {
		return this.source;
	}

}
