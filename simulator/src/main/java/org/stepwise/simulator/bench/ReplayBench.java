package org.stepwise.simulator.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.PatientProfile;
import org.stepwise.simulator.cohort.ScheduledSession;

/**
 * The replay benchmark's tool (bench/replay.sh). Modes:
 * <ul>
 * <li>{@code load}: N realistic events of a simulated cohort (CloudEvents JSON, keyed by
 * patient id) into stepwise.attendance.v1, checkins.v1 and assessments.v1;</li>
 * <li>{@code consume}: a plain KafkaConsumer reads those topics from offset 0 to their
 * end offsets;</li>
 * <li>{@code pipe}: a plain consume-produce pipe copies them to
 * {@code bench.pipe.v1};</li>
 * <li>{@code catchup}: polls the committed offsets of a consumer group (default
 * plan-service) until they reach the end offsets, then runs {@code consume} and
 * {@code pipe} and prints the group's rate against each;</li>
 * <li>{@code in-memory}: the ceiling of any state design ({@link InMemoryReplay}: decode,
 * fold, evaluate and produce with the patients' state in memory), then {@code pipe}, and
 * the ratio;</li>
 * <li>{@code reset-group}: sets that group's offsets on the input topics back to 0 (the
 * group must be stopped);</li>
 * <li>{@code all} (default): load, consume, pipe.</li>
 * </ul>
 */
public final class ReplayBench {

	static final List<String> INPUT_TOPICS = List.of(Topics.ATTENDANCE, Topics.CHECKINS, Topics.ASSESSMENTS);

	static final String PIPE_TOPIC = "bench.pipe.v1";

	private final String bootstrap;

	private final int partitions;

	ReplayBench(String bootstrap, int partitions) {
		this.bootstrap = bootstrap;
		this.partitions = partitions;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i]);
			}
			options.put(args[i].substring(2), (i + 1 < args.length && !args[i + 1].startsWith("--")) ? args[++i] : "");
		}
		String mode = options.getOrDefault("mode", "all");
		ReplayBench bench = new ReplayBench(options.getOrDefault("bootstrap", "127.0.0.1:9092"),
				Integer.parseInt(options.getOrDefault("partitions", "3")));
		long events = Long.parseLong(options.getOrDefault("events", "1000000"));
		long seed = Long.parseLong(options.getOrDefault("seed", "42"));
		String group = options.getOrDefault("group", "plan-service");
		Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "1800")));
		switch (mode) {
			case "load" -> bench.load(events, seed).print();
			case "consume" -> bench.consume().print();
			case "pipe" -> bench.pipe().print();
			case "catchup" -> {
				Rate catchup = bench.catchUp(group, timeout);
				catchup.print();
				ratio(group, catchup, bench.consume());
				// issue 19's baseline: a consumer that also produces, as the service does
				ratio(group, catchup, bench.pipe());
			}
			case "in-memory" -> {
				Rate ceiling = bench.inMemory();
				ceiling.print();
				ratio("in-memory state", ceiling, bench.pipe());
			}
			case "reset-group" -> bench.resetGroup(group);
			case "all" -> {
				bench.load(events, seed).print();
				Rate plain = bench.consume();
				Rate pipe = bench.pipe();
				pipe.print();
				ratio("pipe", pipe, plain);
			}
			default -> throw new IllegalArgumentException("Unknown mode " + mode);
		}
	}

	/** Prints the baseline and what was measured against it. */
	private static void ratio(String what, Rate measured, Rate baseline) {
		baseline.print();
		System.out.printf(Locale.ROOT, "ratio %s / %s: %.3fx%n", what, baseline.what(),
				measured.perSecond() / baseline.perSecond());
	}

	/** A measured rate. */
	record Rate(String what, long events, long bytes, Duration elapsed) {

		double perSecond() {
			return this.events * 1000.0 / Math.max(1, this.elapsed.toMillis());
		}

		void print() {
			System.out.printf(Locale.ROOT, "%-34s %,10d events %8.1f MB in %7.2f s: %,10.0f events/s (%.1f MB/s)%n",
					this.what, this.events, this.bytes / 1e6, this.elapsed.toMillis() / 1000.0, perSecond(),
					this.bytes / 1e6 / Math.max(0.001, this.elapsed.toMillis() / 1000.0));
		}

	}

	Rate load(long events, long seed) throws Exception {
		ensureTopics(INPUT_TOPICS);
		// About 150 events per patient over 12 weeks: enough patients for N events.
		int patients = (int) Math.max(1, events / 100);
		CohortSpec spec = CohortSpec.of(seed, patients, 12, LocalDate.now().minusWeeks(12));
		CohortGenerator generator = new CohortGenerator(spec);
		List<PatientProfile> profiles = generator.profiles();
		Map<String, ScheduledSession> sessions = new HashMap<>();
		generator.sessions(profiles).forEach((s) -> sessions.put(s.key(), s));
		EventCodec codec = new EventCodec();
		AtomicLong bytes = new AtomicLong();
		AtomicReference<Exception> failure = new AtomicReference<>();
		long sent = 0;
		long started = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				new ByteArraySerializer())) {
			for (PatientProfile profile : profiles) {
				if (sent >= events) {
					break;
				}
				for (EventEnvelope<StepwiseEvent> event : CohortEvents.of(spec, generator.history(profile), sessions)) {
					if (sent >= events) {
						break;
					}
					byte[] value = codec.encode(event);
					bytes.addAndGet(value.length);
					ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.subject(), value);
					record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes());
					producer.send(record, (metadata, ex) -> {
						if (ex != null) {
							failure.compareAndSet(null, ex);
						}
					});
					sent++;
				}
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		return new Rate("load (generate, encode, produce)", sent, bytes.get(),
				Duration.ofNanos(System.nanoTime() - started));
	}

	Rate consume() throws Exception {
		Map<TopicPartition, Long> ends = endOffsets(INPUT_TOPICS);
		long started = System.nanoTime();
		long[] counted = read(ends, null);
		return new Rate("plain KafkaConsumer from offset 0", counted[0], counted[1],
				Duration.ofNanos(System.nanoTime() - started));
	}

	Rate inMemory() throws Exception {
		ensureTopics(List.of(PIPE_TOPIC));
		return new InMemoryReplay(consumerConfig(), producerConfig()).run(endOffsets(INPUT_TOPICS), this.partitions);
	}

	Rate pipe() throws Exception {
		ensureTopics(List.of(PIPE_TOPIC));
		Map<TopicPartition, Long> ends = endOffsets(INPUT_TOPICS);
		long started = System.nanoTime();
		long[] counted;
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			counted = read(ends, producer);
			producer.flush();
		}
		return new Rate("plain consume -> produce pipe", counted[0], counted[1],
				Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * Reads every assigned partition from 0 to its end offset; pipes each record if
	 * asked.
	 */
	private long[] read(Map<TopicPartition, Long> ends, KafkaProducer<byte[], byte[]> pipe) {
		Properties config = consumerConfig();
		long events = 0;
		long bytes = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			Set<TopicPartition> open = new HashSet<>();
			ends.forEach((tp, end) -> {
				if (end > 0) {
					open.add(tp);
				}
			});
			consumer.assign(open);
			consumer.seekToBeginning(open);
			while (!open.isEmpty()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					events++;
					bytes += record.serializedValueSize();
					if (pipe != null) {
						pipe.send(new ProducerRecord<>(PIPE_TOPIC, record.key(), record.value()));
					}
				}
				open.removeIf((tp) -> consumer.position(tp) >= ends.get(tp));
			}
		}
		return new long[] { events, bytes };
	}

	Rate catchUp(String group, Duration timeout) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, Long> ends = endOffsets(INPUT_TOPICS);
			long total = ends.values().stream().mapToLong(Long::longValue).sum();
			long initial = committed(admin, group, ends.keySet());
			long started = System.nanoTime();
			long firstProgress = 0;
			long committed = initial;
			System.out.printf(Locale.ROOT, "waiting for group %s: committed %,d of %,d%n", group, initial, total);
			while (committed < total) {
				if (System.nanoTime() - started > timeout.toNanos()) {
					throw new IllegalStateException(
							String.format(Locale.ROOT, "group %s did not catch up within %s (committed %,d of %,d)",
									group, timeout, committed, total));
				}
				Thread.sleep(200);
				try {
					committed = committed(admin, group, ends.keySet());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof org.apache.kafka.common.errors.RetriableException)) {
						throw ex;
					}
					// a broker busy with the catch-up may time out one look; look again
					continue;
				}
				if (firstProgress == 0 && committed > initial) {
					firstProgress = System.nanoTime();
				}
			}
			long done = System.nanoTime();
			System.out.printf(Locale.ROOT,
					"group %s caught up %.2f s after the command, %.2f s after its first commit%n", group,
					(done - started) / 1e9, (firstProgress == 0) ? 0 : (done - firstProgress) / 1e9);
			return new Rate("consumer group " + group, total - initial, 0,
					Duration.ofNanos(done - ((firstProgress == 0) ? started : firstProgress)));
		}
	}

	void resetGroup(String group) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
			endOffsets(INPUT_TOPICS).keySet().forEach((tp) -> zero.put(tp, new OffsetAndMetadata(0)));
			admin.alterConsumerGroupOffsets(group, zero).all().get();
			System.out.printf("group %s reset to offset 0 on %d partitions%n", group, zero.size());
		}
	}

	private long committed(Admin admin, String group, Collection<TopicPartition> partitions)
			throws InterruptedException, ExecutionException {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		return partitions.stream().map(offsets::get).mapToLong((o) -> (o == null) ? 0 : o.offset()).sum();
	}

	private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.forEach((name, description) -> description.partitions()
					.forEach((p) -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
			return ends;
		}
	}

	private void ensureTopics(List<String> topics) throws Exception {
		try (Admin admin = admin()) {
			Set<String> existing = admin.listTopics().names().get();
			List<NewTopic> missing = new ArrayList<>();
			for (String topic : topics) {
				if (!existing.contains(topic)) {
					missing.add(new NewTopic(topic, this.partitions, (short) 1));
				}
			}
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get();
			}
		}
	}

	private Admin admin() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap);
		return Admin.create(config);
	}

	/** A reader of assigned partitions from offset 0, as every mode reads them. */
	Properties consumerConfig() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return config;
	}

	/** As the services' relay: idempotent, acks=all; batched for throughput. */
	private Properties producerConfig() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		return config;
	}

}
