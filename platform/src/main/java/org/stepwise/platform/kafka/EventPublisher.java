package org.stepwise.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.platform.tracing.EventTracing;

/**
 * Synchronous, idempotent (acks=all) publication. Used by the outbox relay and for dead
 * letters: a send returns only once the broker has the record, so nothing that must not
 * be lost leaves before it is durable.
 */
public class EventPublisher implements AutoCloseable {

	public static final String DLT_REASON = "stepwise-dlt-reason";

	public static final String DLT_SOURCE_TOPIC = "stepwise-dlt-source-topic";

	public static final String DLT_SOURCE_PARTITION = "stepwise-dlt-source-partition";

	public static final String DLT_SOURCE_OFFSET = "stepwise-dlt-source-offset";

	/**
	 * On a dead letter whose value was too large to keep: the value's size in bytes (the
	 * record is still on its source topic at the source offset).
	 */
	public static final String DLT_VALUE_DROPPED = "stepwise-dlt-value-dropped";

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final Producer<String, byte[]> producer;

	private final MeterRegistry meters;

	public EventPublisher(Producer<String, byte[]> producer, MeterRegistry meters) {
		this.producer = producer;
		this.meters = meters;
	}

	/**
	 * A record to publish: topic, key, CloudEvents type (for metrics), the encoded
	 * envelope and the W3C trace context of the write that produced it (header
	 * {@value EventTracing#HEADER}; {@code null} for none).
	 */
	public record Outgoing(String topic, String key, String type, byte[] value, String traceparent) {

		public Outgoing(String topic, String key, String type, byte[] value) {
			this(topic, key, type, value, null);
		}

	}

	/**
	 * Sends all records (in order per key) and waits until the broker acknowledged every
	 * one.
	 * @throws PublishFailedException if any was not acknowledged; the caller keeps them
	 * for a retry
	 */
	public void publishAll(List<Outgoing> records) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
		for (Outgoing record : records) {
			ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
					record.value());
			producerRecord.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
			if (record.traceparent() != null) {
				producerRecord.headers()
					.add(EventTracing.HEADER, record.traceparent().getBytes(StandardCharsets.UTF_8));
			}
			acks.add(this.producer.send(producerRecord));
		}
		await(acks);
		for (Outgoing record : records) {
			publishedCounter(record.topic(), record.type()).increment();
		}
	}

	/**
	 * Sends an unreadable record to {@code <topic>.dlt} with the reason in headers,
	 * unchanged otherwise, and waits for the acknowledgement so the source offset can be
	 * committed safely.
	 */
	public void deadLetter(String sourceTopic, int partition, long offset, String key, byte[] value, String reason) {
		deadLetter(sourceTopic, partition, offset, key, value, reason, null);
	}

	/**
	 * As {@link #deadLetter(String, int, long, String, byte[], String)}, keeping the
	 * record's trace context (header {@value EventTracing#HEADER}) when it had one.
	 */
	public void deadLetter(String sourceTopic, int partition, long offset, String key, byte[] value, String reason,
			String traceparent) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.deadLetter(sourceTopic), partition, key,
				value);
		if (traceparent != null) {
			record.headers().add(EventTracing.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
		}
		record.headers()
			.add(new RecordHeader(DLT_REASON, reason.getBytes(StandardCharsets.UTF_8)))
			.add(new RecordHeader(DLT_SOURCE_TOPIC, sourceTopic.getBytes(StandardCharsets.UTF_8)))
			.add(new RecordHeader(DLT_SOURCE_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8)))
			.add(new RecordHeader(DLT_SOURCE_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8)));
		try {
			await(List.of(this.producer.send(record)));
		}
		catch (PublishFailedException ex) {
			if (!(ex.getCause() instanceof ExecutionException failed
					&& failed.getCause() instanceof RecordTooLargeException) || value == null) {
				throw ex;
			}
			// Too large even for the dead-letter topic (a topic made elsewhere, with the
			// default limit): the reason and where the record is, without its bytes,
			// rather than a partition stopped for good. The record itself stays on its
			// topic until the retention ends.
			ProducerRecord<String, byte[]> withoutValue = new ProducerRecord<>(record.topic(), partition, key, null,
					record.headers());
			withoutValue.headers()
				.add(new RecordHeader(DLT_VALUE_DROPPED,
						Integer.toString(value.length).getBytes(StandardCharsets.UTF_8)));
			await(List.of(this.producer.send(withoutValue)));
		}
	}

	private static void await(List<Future<RecordMetadata>> acks) {
		try {
			for (Future<RecordMetadata> ack : acks) {
				ack.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("interrupted while publishing", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new PublishFailedException("broker did not acknowledge", ex);
		}
	}

	private Counter publishedCounter(String topic, String type) {
		return Counter.builder("stepwise.events.published")
			.description("Events acknowledged by the broker")
			.tag("topic", topic)
			.tag("type", type)
			.register(this.meters);
	}

	@Override
	public void close() {
		this.producer.close();
	}

	public static class PublishFailedException extends RuntimeException {

		PublishFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
