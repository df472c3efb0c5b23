package org.stepwise.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.InvalidEventException;
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
		return (message) -> accept(message, handler);
	}

	void accept(Message<List<byte[]>> message, EventBatchHandler handler) {
		List<byte[]> values = message.getPayload();
		MessageHeaders headers = message.getHeaders();
		List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
		List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
		List<?> offsets = list(headers, KafkaHeaders.OFFSET);
		List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
		List<String> traceparents = traceparents(headers, values.size());
		List<ReceivedEvent> events = new ArrayList<>(values.size());
		List<byte[]> raw = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			String topic = (String) topics.get(i);
			int partition = (Integer) partitions.get(i);
			long offset = (Long) offsets.get(i);
			try {
				events.add(new ReceivedEvent(this.codec.decode(values.get(i)), topic, partition, offset,
						traceparents.get(i)));
				raw.add(values.get(i));
			}
			catch (InvalidEventException ex) {
				deadLetter(topic, partition, offset, (String) keys.get(i), values.get(i), ex.getMessage(),
						traceparents.get(i));
			}
		}
		if (events.isEmpty()) {
			return;
		}
		try (EventTracing.Scope scope = this.tracing.continueTrace("stepwise.inbox " + events.get(0).topic(),
				events.stream().map(ReceivedEvent::traceparent).toList())) {
			handle(events, raw, handler);
		}
	}

	private void handle(List<ReceivedEvent> events, List<byte[]> raw, EventBatchHandler handler) {
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
		Counter.builder("stepwise.events.consumed")
			.tag("topic", topic)
			.tag("outcome", "dead_lettered")
			.register(this.meters)
			.increment();
	}

	private void count(List<ReceivedEvent> events, String outcome) {
		for (ReceivedEvent event : events) {
			Counter.builder("stepwise.events.consumed")
				.description("Records consumed, by outcome")
				.tag("topic", event.topic())
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

	/** Bounded tag values: the reason's first words, never event content. */
	static String reasonTag(String reason) {
		if (reason.startsWith("processing failed")) {
			return "processing_failed";
		}
		if (reason.startsWith("payload does not fit")) {
			return "invalid_payload";
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
