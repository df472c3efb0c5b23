package org.stepwise.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import org.stepwise.contracts.Topics;

/**
 * Reads a dead-letter topic from now on, raw (a tombstone has no value to decode).
 */
public final class DeadLetters implements AutoCloseable {

	/**
	 * The header the inbox writes the reason into (platform's EventPublisher.DLT_REASON).
	 */
	static final String REASON_HEADER = "stepwise-dlt-reason";

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	public DeadLetters(String sourceTopic) {
		this.consumer = TopicProbe.readingFromNow(TestInfrastructure.get().kafkaBootstrapServers(),
				Topics.deadLetter(sourceTopic));
	}

	public ConsumerRecord<String, byte[]> await(String key, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : this.seen) {
				if (key.equals(record.key())) {
					return record;
				}
			}
			this.consumer.poll(Duration.ofMillis(100)).forEach(this.seen::add);
		}
		throw new AssertionError("Nothing dead-lettered with the expected key within " + timeout);
	}

	public static String reason(ConsumerRecord<String, byte[]> record) {
		return new String(record.headers().lastHeader(REASON_HEADER).value(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
