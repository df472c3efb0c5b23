package org.stepwise.platform.outbox;

import java.time.Instant;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.platform.tracing.EventTracing;

/**
 * Makes the outbox entry of a new event: a CloudEvents envelope whose {@code source} is
 * this service ({@code /stepwise/<spring.application.name>}), encoded once, ready to
 * store in the changed document. The entry keeps the trace context of the caller (the
 * HTTP request, or the consumed event), so the trace continues wherever the event is
 * handled.
 */
public final class OutboxEvents {

	private final EventCodec codec;

	private final String source;

	private final EventTracing tracing;

	public OutboxEvents(EventCodec codec, String applicationName) {
		this(codec, applicationName, EventTracing.none());
	}

	public OutboxEvents(EventCodec codec, String applicationName, EventTracing tracing) {
		this.codec = codec;
		this.source = "/stepwise/" + applicationName;
		this.tracing = tracing;
	}

	public OutboxEntry entry(StepwiseEvent data, Instant time) {
		return OutboxEntry.of(this.codec, EventEnvelope.of(this.source, data, time), this.tracing.current());
	}

	public String source() {
		return this.source;
	}

}
