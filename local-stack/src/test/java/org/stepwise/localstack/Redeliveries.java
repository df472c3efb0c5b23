package org.stepwise.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Duplicate and out-of-order deliveries, as a producer's retry or a rebalance makes them:
 * a share of the records on the topics the services consume is sent again with the same
 * key, value and headers, half at once (a duplicate) and half 2-6 s later (after newer
 * records of the same patient: out of order). A record sent again is marked so it is not
 * sent a third time.
 */
final class Redeliveries implements AutoCloseable {

	private static final String MARK = "stepwise-chaos-redelivered";

	private final double share;

	private final Random random;

	private final KafkaProducer<String, byte[]> producer;

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger seen = new AtomicInteger();

	private final AtomicInteger duplicated = new AtomicInteger();

	private final AtomicInteger delayed = new AtomicInteger();

	private final Thread reader;

	Redeliveries(String bootstrap, List<String> topics, double share, long seed) {
		this.share = share;
		this.random = new Random(seed);
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"chaos-redeliveries-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(topics);
		this.reader = new Thread(() -> {
			try (consumer) {
				while (this.running.get()) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
						redeliver(record);
					}
				}
			}
			catch (RuntimeException ex) {
				if (this.running.get()) {
					throw ex;
				}
			}
		}, "redeliveries");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Whether the record is one this class sent again. */
	static boolean isRedelivery(ConsumerRecord<?, ?> record) {
		return record.headers().lastHeader(MARK) != null;
	}

	private void redeliver(ConsumerRecord<String, byte[]> record) {
		if (record.headers().lastHeader(MARK) != null || record.value() == null || record.key() == null
				|| record.key().startsWith("poison-")) {
			return;
		}
		this.seen.incrementAndGet();
		if (this.random.nextDouble() >= this.share) {
			return;
		}
		ProducerRecord<String, byte[]> again = new ProducerRecord<>(record.topic(), record.partition(), record.key(),
				record.value());
		for (Header header : record.headers()) {
			again.headers().add(header);
		}
		again.headers().add(MARK, "1".getBytes(StandardCharsets.UTF_8));
		if (this.random.nextBoolean()) {
			this.duplicated.incrementAndGet();
			this.producer.send(again);
		}
		else {
			this.delayed.incrementAndGet();
			this.later.schedule(() -> this.producer.send(again), 2_000 + this.random.nextInt(4_000),
					TimeUnit.MILLISECONDS);
		}
	}

	/** What it did, in words. */
	String summary() {
		return "%d of %d records delivered twice: %d at once, %d out of order (2-6 s later)".formatted(
				this.duplicated.get() + this.delayed.get(), this.seen.get(), this.duplicated.get(), this.delayed.get());
	}

	/** Stops reading; the delayed ones still go out. */
	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.reader.join(10_000);
		this.later.shutdown();
		this.later.awaitTermination(10, TimeUnit.SECONDS);
		this.producer.close(Duration.ofSeconds(30));
	}

}
