package org.stepwise.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;

/**
 * An event waiting to be published, stored inside the document whose change produced it
 * (field {@value #FIELD}), so the change and its event are one atomic single-document
 * write. The relay removes it once the broker has acknowledged it.
 *
 * @param payload the encoded CloudEvents JSON, kept as text so a pending event is
 * readable in the database
 * @param traceparent the W3C trace context of the write that produced the event (sent as
 * the Kafka header {@code traceparent}), or {@code null} outside a trace
 */
public record OutboxEntry(String eventId, String topic, String key, String type, String payload, Instant createdAt,
		String traceparent) {

	public static final String FIELD = "outbox";

	/**
	 * The index that finds documents with entries to publish, for every document type
	 * with an outbox to declare: {@code @CompoundIndex(name = PENDING_INDEX, def =
	 * PENDING_KEYS, partialFilter = PENDING_FILTER)}. Partial, so it holds only the few
	 * documents with pending entries, and MongoDB uses it for the relay's sweep, whose
	 * filter is exactly {@link #PENDING_FILTER}. The embedded store implements unique
	 * indexes only and scans for this query (the relay keeps its sweep rare for that).
	 */
	public static final String PENDING_INDEX = "outbox_pending";

	/** The keys of {@link #PENDING_INDEX}. */
	public static final String PENDING_KEYS = "{'outbox.eventId': 1}";

	/** The partial filter of {@link #PENDING_INDEX}, and the relay's sweep filter. */
	public static final String PENDING_FILTER = "{'outbox.eventId': {$exists: true}}";

	public static OutboxEntry of(EventCodec codec, EventEnvelope<?> envelope) {
		return of(codec, envelope, null);
	}

	public static OutboxEntry of(EventCodec codec, EventEnvelope<?> envelope, String traceparent) {
		return new OutboxEntry(envelope.id(), envelope.topic(), envelope.subject(), envelope.type(),
				new String(codec.encode(envelope), StandardCharsets.UTF_8), envelope.time(), traceparent);
	}

}
