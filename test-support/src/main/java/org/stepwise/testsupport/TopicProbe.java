package org.stepwise.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;

/**
 * Watches a topic from "now" on (every partition, no consumer group) and collects the
 * events published after it was opened, so a test can wait for what its action published
 * and check that nothing more came. Use from one thread.
 */
public final class TopicProbe implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(100);

	private final KafkaConsumer<String, byte[]> consumer;

	private final EventCodec codec = new EventCodec();

	private final List<EventEnvelope<StepwiseEvent>> seen = new ArrayList<>();

	private TopicProbe(String bootstrapServers, String topic) {
		this.consumer = readingFromNow(bootstrapServers, topic);
	}

	/** A raw consumer of every partition of the topic, positioned at its current end. */
	static KafkaConsumer<String, byte[]> readingFromNow(String bootstrapServers, String topic) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		// seekToEnd is lazy: resolve the positions now, so records published from here on
		// are all seen.
		partitions.forEach(consumer::position);
		return consumer;
	}

	/**
	 * Every record of the topic from its beginning to its end at the call, partition by
	 * partition in offset order.
	 * @throws AssertionError if they cannot all be read within 30 s
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("could not read " + topic + " to its end within 30 s");
				}
				consumer.poll(POLL).forEach(records::add);
			}
			return records;
		}
	}

	public static TopicProbe from(String topic) {
		return new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), topic);
	}

	public static TopicProbe from(String bootstrapServers, String topic) {
		return new TopicProbe(bootstrapServers, topic);
	}

	/**
	 * Polls until at least {@code count} events with this subject were seen.
	 * @return all events seen with this subject, in the order read
	 * @throws AssertionError if fewer arrived within the timeout
	 */
	public List<EventEnvelope<StepwiseEvent>> awaitEvents(String subject, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (bySubject(subject).size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"Expected " + count + " events within " + timeout + " but saw " + bySubject(subject).size());
			}
			pollOnce();
		}
		return bySubject(subject);
	}

	/**
	 * Polls for the whole duration and returns every event with this subject seen so far.
	 */
	public List<EventEnvelope<StepwiseEvent>> quietFor(String subject, Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			pollOnce();
		}
		return bySubject(subject);
	}

	private void pollOnce() {
		for (ConsumerRecord<String, byte[]> record : this.consumer.poll(POLL)) {
			this.seen.add(this.codec.decode(record.value()));
		}
	}

	private List<EventEnvelope<StepwiseEvent>> bySubject(String subject) {
		return this.seen.stream().filter((event) -> event.subject().equals(subject)).toList();
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
