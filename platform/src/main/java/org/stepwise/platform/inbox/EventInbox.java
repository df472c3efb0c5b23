package org.stepwise.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Identifiers;
import org.stepwise.contracts.InvalidEventException;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.platform.tracing.EventTracing;

/**
 * Turns a Spring Cloud Stream batch ({@code Message<List<byte[]>>}, native decoding) into
 * decoded events for an {@link EventBatchHandler}. A record that cannot be read goes to
 * {@code <topic>.dlt} with the reason, is counted, and does not stop the partition. If
 * the handler fails on something other than a transient outage, the batch is handled one
 * event at a time and only the events that still fail are dead-lettered.
 * <p>
 * Each batch is handled inside a consumer span that continues the trace of its first
 * event (header {@value EventTracing#HEADER}, written by the outbox relay); the traces of
 * the other events become span links. So the handler's log lines and the outbox entries
 * it writes carry the trace id of the request that caused the event.
 */
public class EventInbox {

	private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

	private final EventCodec codec;

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	private final EventTracing tracing;

	public EventInbox(EventCodec codec, EventPublisher publisher, MeterRegistry meters) {
		this(codec, publisher, meters, EventTracing.none());
	}

	public EventInbox(EventCodec codec, EventPublisher publisher, MeterRegistry meters, EventTracing tracing) {
		this.codec = codec;
		this.publisher = publisher;
		this.meters = meters;
		this.tracing = tracing;
	}

	public Consumer<Message<List<byte[]>>> consumer(EventBatchHandler handler) {
		return (message) -> accept(message, handler, null);
	}

	/**
	 * As {@link #consumer(EventBatchHandler)}, for a compacted topic: a tombstone there
	 * is the deletion of its key, handed to {@code tombstones} in partition order.
	 */
	public Consumer<Message<List<byte[]>>> consumer(EventBatchHandler handler, TombstoneHandler tombstones) {
		return (message) -> accept(message, handler, tombstones);
	}

	void accept(Message<List<byte[]>> message, EventBatchHandler handler) {
		accept(message, handler, null);
	}

	/**
	 * Reads every record of the batch on its own: whatever one record is (a tombstone, no
	 * key, a value of another type, bytes that are no valid event), it is dead-lettered
	 * or counted alone and its batch-mates are handled.
	 */
	void accept(Message<List<byte[]>> message, EventBatchHandler handler, TombstoneHandler tombstones) {
		// declared byte[], but a tombstone arrives as KafkaNull: never cast before
		// looking
		List<?> values = message.getPayload();
		MessageHeaders headers = message.getHeaders();
		List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
		List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
		List<?> offsets = list(headers, KafkaHeaders.OFFSET);
		List<?> keys = (headers.get(KafkaHeaders.RECEIVED_KEY) instanceof List<?> list) ? list : List.of();
		List<String> traceparents = traceparents(headers, values.size());
		List<ReceivedEvent> events = new ArrayList<>(values.size());
		List<byte[]> raw = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			String topic = (String) topics.get(i);
			int partition = (Integer) partitions.get(i);
			long offset = (Long) offsets.get(i);
			String key = (i < keys.size() && keys.get(i) instanceof String text) ? text : null;
			Object value = values.get(i);
			String traceparent = traceparents.get(i);
			if (value == null || value instanceof KafkaNull) {
				if (Topics.isCompacted(topic) && Identifiers.isValid(key)) {
					// the deletion must come after the events before it and before those
					// after
					handle(events, raw, handler);
					tombstone(topic, partition, offset, key, tombstones, traceparent);
				}
				else {
					deadLetter(topic, partition, offset, key, null, "tombstone", traceparent);
				}
			}
			else if (!(value instanceof byte[] bytes)) {
				deadLetter(topic, partition, offset, key, null, "unexpected value type", traceparent);
			}
			else if (key == null) {
				deadLetter(topic, partition, offset, null, bytes, "missing key", traceparent);
			}
			else {
				try {
					EventEnvelope<StepwiseEvent> envelope = this.codec.decode(bytes);
					String refusal = EventAdmission.refusal(key, envelope, Instant.now());
					if (refusal != null) {
						deadLetter(topic, partition, offset, key, bytes, refusal, traceparent);
						continue;
					}
					events.add(new ReceivedEvent(envelope, topic, partition, offset, traceparent));
					raw.add(bytes);
				}
				catch (InvalidEventException ex) {
					deadLetter(topic, partition, offset, key, bytes, ex.getMessage(), traceparent);
				}
				catch (RuntimeException ex) {
					// a reader's bug must not take the batch down either; the class names
					// no content
					deadLetter(topic, partition, offset, key, bytes, "not readable: " + ex.getClass().getSimpleName(),
							traceparent);
				}
			}
		}
		handle(events, raw, handler);
	}

	/**
	 * On a compacted topic a tombstone deletes its key (Kafka drops the key's history at
	 * compaction, so a consumer replaying later never sees it: one already running
	 * forgets it too, or the two would disagree). Consumers without a
	 * {@link TombstoneHandler} keep nothing per key. Counted either way, never
	 * dead-lettered: it is a normal record.
	 */
	private void tombstone(String topic, int partition, long offset, String key, TombstoneHandler tombstones,
			String traceparent) {
		if (tombstones != null) {
			try (EventTracing.Scope scope = this.tracing.continueTrace("stepwise.inbox " + topic,
					Collections.singletonList(traceparent))) {
				tombstones.deleted(key);
			}
			catch (TransientDataAccessException | DataAccessResourceFailureException
					| EventPublisher.PublishFailedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				deadLetter(topic, partition, offset, key, null, "processing failed: " + ex.getClass().getSimpleName(),
						traceparent);
				return;
			}
		}
		consumed(topic, "tombstone");
	}

	/** Hands the events read so far to the handler, then forgets them. */
	private void handle(List<ReceivedEvent> events, List<byte[]> raw, EventBatchHandler handler) {
		if (events.isEmpty()) {
			return;
		}
		try (EventTracing.Scope scope = this.tracing.continueTrace("stepwise.inbox " + events.get(0).topic(),
				events.stream().map(ReceivedEvent::traceparent).toList())) {
			handleTraced(List.copyOf(events), List.copyOf(raw), handler);
		}
		events.clear();
		raw.clear();
	}

	private void handleTraced(List<ReceivedEvent> events, List<byte[]> raw, EventBatchHandler handler) {
		try {
			handler.handle(events);
			count(events, "processed");
		}
		catch (TransientDataAccessException | DataAccessResourceFailureException
				| EventPublisher.PublishFailedException ex) {
			throw retried(events, ex);
		}
		catch (RuntimeException ex) {
			log.warn("Batch of {} events failed ({}); handling them one by one", events.size(),
					ex.getClass().getSimpleName());
			handleOneByOne(events, raw, handler);
		}
	}

	private void handleOneByOne(List<ReceivedEvent> events, List<byte[]> raw, EventBatchHandler handler) {
		for (int i = 0; i < events.size(); i++) {
			ReceivedEvent event = events.get(i);
			try {
				handler.handle(List.of(event));
				count(List.of(event), "processed");
			}
			catch (TransientDataAccessException | DataAccessResourceFailureException
					| EventPublisher.PublishFailedException ex) {
				throw retried(List.of(event), ex);
			}
			catch (RuntimeException ex) {
				deadLetter(event.topic(), event.partition(), event.offset(), event.envelope().subject(), raw.get(i),
						"processing failed: " + ex.getClass().getSimpleName(), event.traceparent());
			}
		}
	}

	/**
	 * A transient failure (database or broker unreachable, an optimistic-lock conflict
	 * that outlasted the in-process retries): the container retries the whole batch. The
	 * log line and the exception name offsets and counts only: the failure's own message
	 * and the batch's headers can carry patient ids (record keys), and the framework
	 * would log them with the exception's cause.
	 */
	private static BatchRetryException retried(List<ReceivedEvent> events, RuntimeException cause) {
		ReceivedEvent first = events.get(0);
		String partitions = events.stream()
			.map(ReceivedEvent::partition)
			.distinct()
			.sorted()
			.map(String::valueOf)
			.collect(Collectors.joining(","));
		long from = events.stream().mapToLong(ReceivedEvent::offset).min().orElseThrow();
		long to = events.stream().mapToLong(ReceivedEvent::offset).max().orElseThrow();
		log.warn("Batch of {} events from {} (partitions {}, offsets {} to {}) failed with {}; it is retried",
				events.size(), first.topic(), partitions, from, to, cause.getClass().getSimpleName());
		return new BatchRetryException(cause.getClass().getSimpleName());
	}

	private void deadLetter(String topic, int partition, long offset, String key, byte[] value, String reason,
			String traceparent) {
		this.publisher.deadLetter(topic, partition, offset, key, value, reason, traceparent);
		log.warn("Dead-lettered record {}-{}@{}: {}", topic, partition, offset, reason);
		Counter.builder("stepwise.events.dead.lettered")
			.description("Records sent to a dead-letter topic")
			.tag("topic", topic)
			.tag("reason", reasonTag(reason))
			.register(this.meters)
			.increment();
		consumed(topic, "dead_lettered");
	}

	private void count(List<ReceivedEvent> events, String outcome) {
		for (ReceivedEvent event : events) {
			consumed(event.topic(), outcome);
		}
	}

	private void consumed(String topic, String outcome) {
		Counter.builder("stepwise.events.consumed")
			.description("Records consumed, by outcome")
			.tag("topic", topic)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	/**
	 * Bounded tag values: a fixed name per kind of reason, never event content (a schema
	 * reason names a field, so it becomes {@code schema_violation}).
	 */
	static String reasonTag(String reason) {
		if (reason.startsWith("processing failed")) {
			return "processing_failed";
		}
		if (reason.startsWith("payload does not fit")) {
			return "invalid_payload";
		}
		if (reason.startsWith(EventCodec.SCHEMA_REASON_PREFIX)) {
			return "schema_violation";
		}
		if (reason.startsWith("not readable")) {
			return "not_readable";
		}
		if (reason.startsWith("missing attribute")) {
			return "missing_attribute";
		}
		return reason.replace(' ', '_');
	}

	/**
	 * The {@value EventTracing#HEADER} of each record: the binder maps record headers to
	 * one map per record ({@code kafka_batchConvertedHeaders}), values as bytes; without
	 * a header mapper they arrive as Kafka {@link Headers} ({@code kafka_nativeHeaders}).
	 */
	static List<String> traceparents(MessageHeaders headers, int size) {
		List<String> result = new ArrayList<>(size);
		Object converted = headers.get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
		Object nativeHeaders = headers.get(KafkaHeaders.NATIVE_HEADERS);
		for (int i = 0; i < size; i++) {
			Object value = null;
			if (converted instanceof List<?> maps && i < maps.size() && maps.get(i) instanceof Map<?, ?> map) {
				value = map.get(EventTracing.HEADER);
			}
			else if (nativeHeaders instanceof List<?> list && i < list.size()
					&& list.get(i) instanceof Headers recordHeaders) {
				Header header = recordHeaders.lastHeader(EventTracing.HEADER);
				value = (header != null) ? header.value() : null;
			}
			result.add(switch (value) {
				case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
				case String text -> text;
				case null, default -> null;
			});
		}
		return result;
	}

	private static List<?> list(MessageHeaders headers, String name) {
		Object value = headers.get(name);
		if (value instanceof List<?> list) {
			return list;
		}
		throw new IllegalStateException("Batch header " + name + " missing: is the binding in batch mode?");
	}

	/**
	 * The batch failed on something that passes (an outage, a conflict) and is retried by
	 * the listener container. It carries no cause on purpose: see {@code retried}.
	 */
	public static final class BatchRetryException extends RuntimeException {

		BatchRetryException(String failure) {
			super("Batch failed with " + failure + "; it is retried", null, false, false);
		}

	}

}
