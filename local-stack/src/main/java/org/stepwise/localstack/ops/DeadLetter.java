package org.stepwise.localstack.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.Topics;

/**
 * One record of a {@code <topic>.dlt} topic, with what the platform's EventPublisher
 * wrote into its headers: the reason and where it came from. The key and value are
 * patient data: shown only when asked.
 */
record DeadLetter(String topic, int partition, long offset, Instant time, String reason, String sourceTopic,
		Integer sourcePartition, Long sourceOffset, String key, byte[] value, String traceparent) {

	static final String REASON = "stepwise-dlt-reason";

	static final String SOURCE_TOPIC = "stepwise-dlt-source-topic";

	static final String SOURCE_PARTITION = "stepwise-dlt-source-partition";

	static final String SOURCE_OFFSET = "stepwise-dlt-source-offset";

	static final String TRACEPARENT = "traceparent";

	/** Written on a re-driven record: the dead letter it came from. */
	static final String REDRIVEN_FROM = "stepwise-redriven-from";

	static DeadLetter of(ConsumerRecord<String, byte[]> record) {
		String source = header(record, SOURCE_TOPIC);
		if (source == null && record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
			source = record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length());
		}
		String reason = header(record, REASON);
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()), (reason != null) ? reason : "(no reason given)", source,
				number(header(record, SOURCE_PARTITION)) instanceof Long p ? Math.toIntExact(p) : null,
				number(header(record, SOURCE_OFFSET)), record.key(), record.value(), header(record, TRACEPARENT));
	}

	/** {@code partition:offset}, how the commands name a dead letter. */
	String at() {
		return this.partition + ":" + this.offset;
	}

	String source() {
		return this.sourceTopic + ((this.sourcePartition != null) ? "-" + this.sourcePartition : "")
				+ ((this.sourceOffset != null) ? "@" + this.sourceOffset : "");
	}

	/** Whether it can go back: a key to place it and a value to read. */
	boolean redrivable() {
		return this.key != null && this.value != null && this.sourceTopic != null;
	}

	/** The CloudEvents type and id of the value, if it is one (no patient data). */
	String event() {
		if (this.value == null) {
			return "(no value)";
		}
		try {
			JsonNode event = EventCodec.defaultMapper().readTree(this.value);
			return event.path("type").asString("?") + " " + event.path("id").asString("?");
		}
		catch (RuntimeException ex) {
			return "(not a readable event)";
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Long number(String text) {
		try {
			return (text != null) ? Long.valueOf(text.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
