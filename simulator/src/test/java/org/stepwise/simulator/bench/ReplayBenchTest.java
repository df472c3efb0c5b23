package org.stepwise.simulator.bench;

import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.infra.KraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay tool's modes on a real KRaft broker, with a small N.
 */
class ReplayBenchTest {

	private static final int EVENTS = 3000;

	@TempDir
	static Path dir;

	private static KraftBroker broker;

	private static ReplayBench bench;

	@BeforeAll
	static void load() throws Exception {
		broker = KraftBroker.start(dir, 0);
		bench = new ReplayBench(broker.bootstrapServers(), 2);
		ReplayBench.Rate loaded = bench.load(EVENTS, 11);
		assertThat(loaded.events()).isEqualTo(EVENTS);
		assertThat(loaded.bytes()).isGreaterThan(EVENTS * 200L);
	}

	@AfterAll
	static void stop() {
		broker.close();
	}

	@Test
	void aPlainConsumerAndAPipeReadEveryLoadedEventFromOffsetZero() throws Exception {
		assertThat(bench.consume().events()).isEqualTo(EVENTS);
		ReplayBench.Rate pipe = bench.pipe();
		assertThat(pipe.events()).isEqualTo(EVENTS);
		assertThat(pipe.perSecond()).isPositive();
		try (Admin admin = admin()) {
			long piped = admin
				.listOffsets(Map.of(new TopicPartition(ReplayBench.PIPE_TOPIC, 0), OffsetSpec.latest(),
						new TopicPartition(ReplayBench.PIPE_TOPIC, 1), OffsetSpec.latest()))
				.all()
				.get()
				.values()
				.stream()
				.mapToLong((o) -> o.offset())
				.sum();
			assertThat(piped).isEqualTo(EVENTS);
		}
	}

	@Test
	void catchUpWaitsForAGroupsCommittedOffsetsAndResetSendsThemBackToZero() throws Exception {
		String group = "bench-probe";
		AtomicBoolean running = new AtomicBoolean(true);
		Thread member = Thread.ofPlatform().start(() -> {
			Properties config = new Properties();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
			try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				// catchUp reads the group's starting point first: commits before that
				// would
				// not be counted (seen on a fast run: 2,800 of 3,000)
				long until = System.nanoTime() + 2_000_000_000L;
				while (System.nanoTime() < until) {
					java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
				}
				consumer.subscribe(ReplayBench.INPUT_TOPICS);
				while (running.get()) {
					if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
						consumer.commitSync();
					}
				}
			}
		});
		ReplayBench.Rate caughtUp;
		try {
			caughtUp = bench.catchUp(group, Duration.ofSeconds(60));
		}
		finally {
			running.set(false);
			member.join();
		}
		assertThat(caughtUp.events()).isEqualTo(EVENTS);

		bench.resetGroup(group);
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			assertThat(offsets.keySet().stream().map(TopicPartition::topic).distinct())
				.containsExactlyInAnyOrderElementsOf(ReplayBench.INPUT_TOPICS);
			assertThat(offsets.values()).allSatisfy((o) -> assertThat(o.offset()).isZero());
		}
	}

	private static Admin admin() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		return Admin.create(config);
	}

}
