package org.stepwise.localstack.ops;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;

/**
 * The dead-letter commands: list, inspect and re-drive the records of the
 * {@code <topic>.dlt} topics. Keys and values are patient data: printed by
 * {@code inspect --show-data} only. What was re-driven is remembered in the committed
 * offsets of the group {@value #REDRIVE_GROUP} (see {@link RedriveMark}).
 */
final class DeadLetterOps implements AutoCloseable {

	static final String REDRIVE_GROUP = "stepwise-ops-redrive";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrap;

	private final Admin admin;

	private final PrintStream out;

	DeadLetterOps(String bootstrap, PrintStream out) {
		this.bootstrap = bootstrap;
		this.out = out;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
	}

	/** {@code dead-letters list [--topic T]}: counts, places, times and reasons. */
	int list(String topic) {
		Map<TopicPartition, OffsetAndMetadata> marks = committed();
		int total = 0;
		for (String dlt : deadLetterTopics(topic)) {
			List<DeadLetter> letters = read(dlt);
			Map<Integer, RedriveMark> redriven = marks(dlt, marks);
			long done = letters.stream().filter((l) -> isRedriven(redriven, l)).count();
			this.out.printf("%s: %d dead letter%s%s%n", dlt, letters.size(), (letters.size() == 1) ? "" : "s",
					(done > 0) ? " (" + done + " re-driven)" : "");
			for (DeadLetter letter : letters) {
				this.out.printf("  %-8s %-24s from %-32s %s%s%n", letter.at(), letter.time(), letter.source(),
						letter.reason(), isRedriven(redriven, letter) ? "  [re-driven]" : "");
			}
			total += letters.size();
		}
		this.out.printf("%d dead letter%s in all%n", total, (total == 1) ? "" : "s");
		return 0;
	}

	/**
	 * {@code dead-letters inspect <dlt-topic> <[partition:]offset> [--show-data]}.
	 */
	int inspect(String dltTopic, String at, boolean showData) {
		String dlt = dltTopic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? dltTopic : Topics.deadLetter(dltTopic);
		requireTopics(Set.of(dlt));
		Integer partition = null;
		long offset;
		try {
			if (at.contains(":")) {
				partition = Integer.valueOf(at.substring(0, at.indexOf(':')));
				offset = Long.parseLong(at.substring(at.indexOf(':') + 1));
			}
			else {
				offset = Long.parseLong(at);
			}
		}
		catch (NumberFormatException ex) {
			throw new OpsException("A dead letter is named <partition>:<offset> (as list prints it) or <offset>");
		}
		Integer wanted = partition;
		List<DeadLetter> found = read(dlt).stream()
			.filter((l) -> l.offset() == offset && (wanted == null || l.partition() == wanted))
			.toList();
		if (found.isEmpty()) {
			throw new OpsException("No dead letter at " + at + " on " + dlt);
		}
		if (found.size() > 1) {
			throw new OpsException(
					"Offset " + offset + " is in several partitions of " + dlt + ": name one as <partition>:<offset>");
		}
		DeadLetter letter = found.get(0);
		boolean redriven = isRedriven(marks(dlt, committed()), letter);
		this.out.printf("dead letter  %s %s%n", dlt, letter.at());
		this.out.printf("time         %s%n", letter.time());
		this.out.printf("reason       %s%n", letter.reason());
		this.out.printf("from         %s%n", letter.source());
		this.out.printf("event        %s%n", letter.event());
		this.out.printf("traceparent  %s%n", (letter.traceparent() != null) ? letter.traceparent() : "(none)");
		this.out.printf("re-driven    %s%n", redriven ? "yes" : "no");
		if (showData) {
			this.out.printf("key          %s%n", letter.key());
			this.out.printf("value        %s%n", (letter.value() != null)
					? new String(letter.value(), StandardCharsets.UTF_8) : "(none: a tombstone)");
		}
		else {
			this.out.println("(key and value hold patient data: add --show-data to print them)");
		}
		return 0;
	}

	/**
	 * {@code dead-letters redrive [--topic T] [--reason-contains S] [--dry-run]}: each
	 * selected dead letter's key and value go back to the partition of their topic they
	 * came from (consumers de-duplicate by event id, so a repeat is harmless), once.
	 */
	int redrive(String topic, String reasonContains, boolean dryRun) {
		Map<TopicPartition, OffsetAndMetadata> marks = committed();
		int sent = 0;
		int already = 0;
		int skipped = 0;
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (String dlt : deadLetterTopics(topic)) {
				Map<Integer, RedriveMark> redriven = marks(dlt, marks);
				Map<Integer, RedriveMark> changed = new HashMap<>();
				Set<Integer> full = new TreeSet<>();
				for (DeadLetter letter : read(dlt)) {
					RedriveMark mark = redriven.get(letter.partition());
					if (isRedriven(redriven, letter)) {
						already++;
						continue;
					}
					if (reasonContains != null && !letter.reason().contains(reasonContains)) {
						continue;
					}
					if (!letter.redrivable()) {
						this.out.printf("skip     %s %s: no key or value to send back (%s)%n", dlt, letter.at(),
								letter.reason());
						skipped++;
						continue;
					}
					if (full.contains(letter.partition())) {
						skipped++;
						continue;
					}
					if (dryRun) {
						this.out.printf("would re-drive %s %s -> %s (%s)%n", dlt, letter.at(), letter.source(),
								letter.reason());
						sent++;
						continue;
					}
					if (!mark.add(letter.offset())) {
						this.out.printf("stop     %s partition %d: too many re-driven records behind ones left "
								+ "(re-drive those first, or without a filter)%n", dlt, letter.partition());
						full.add(letter.partition());
						skipped++;
						continue;
					}
					send(producer, dlt, letter);
					changed.put(letter.partition(), mark);
					this.out.printf("re-drove %s %s -> %s (%s)%n", dlt, letter.at(), letter.source(), letter.reason());
					sent++;
				}
				if (!changed.isEmpty()) {
					// remembered only once the broker has every record sent back
					producer.flush();
					remember(dlt, changed);
				}
			}
		}
		this.out.printf("%s %d dead letter%s%s%s%n", dryRun ? "Would re-drive" : "Re-drove", sent,
				(sent == 1) ? "" : "s", (already > 0) ? "; " + already + " re-driven before" : "",
				(skipped > 0) ? "; " + skipped + " skipped" : "");
		return 0;
	}

	private void send(KafkaProducer<String, byte[]> producer, String dlt, DeadLetter letter) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(letter.sourceTopic(), letter.sourcePartition(),
				letter.key(), letter.value());
		record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
		if (letter.traceparent() != null) {
			record.headers().add(DeadLetter.TRACEPARENT, letter.traceparent().getBytes(StandardCharsets.UTF_8));
		}
		record.headers().add(DeadLetter.REDRIVEN_FROM, (dlt + "-" + letter.at()).getBytes(StandardCharsets.UTF_8));
		try {
			producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OpsException("Interrupted while re-driving");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new OpsException("The broker did not take the re-driven record from " + dlt + " " + letter.at() + ": "
					+ ex.getMessage());
		}
	}

	private void remember(String dlt, Map<Integer, RedriveMark> changed) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		changed.forEach((partition, mark) -> offsets.put(new TopicPartition(dlt, partition),
				new OffsetAndMetadata(mark.next(), mark.metadata())));
		await(this.admin.alterConsumerGroupOffsets(REDRIVE_GROUP, offsets).all(), "record what was re-driven");
	}

	private Map<TopicPartition, OffsetAndMetadata> committed() {
		Map<TopicPartition, OffsetAndMetadata> committed = await(
				this.admin.listConsumerGroupOffsets(REDRIVE_GROUP).partitionsToOffsetAndMetadata(),
				"read what was re-driven");
		Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
		committed.forEach((partition, offset) -> {
			if (offset != null) {
				present.put(partition, offset);
			}
		});
		return present;
	}

	private Map<Integer, RedriveMark> marks(String dlt, Map<TopicPartition, OffsetAndMetadata> committed) {
		Map<Integer, RedriveMark> marks = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(dlt);
			Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata offset = committed.get(partition);
				marks.put(partition.partition(), RedriveMark.of((offset != null) ? offset.offset() : -1,
						(offset != null) ? offset.metadata() : "", starts.getOrDefault(partition, 0L)));
			}
		}
		return marks;
	}

	private static boolean isRedriven(Map<Integer, RedriveMark> marks, DeadLetter letter) {
		RedriveMark mark = marks.get(letter.partition());
		return mark != null && mark.redriven(letter.offset());
	}

	/** Every record of a dead-letter topic, partition by partition, in offset order. */
	List<DeadLetter> read(String dlt) {
		List<DeadLetter> letters = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(dlt);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p, TIMEOUT) < ends.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new OpsException("Reading " + dlt + " took longer than " + TIMEOUT.toSeconds() + " s");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
						letters.add(DeadLetter.of(record));
					}
				}
			}
		}
		letters.sort((a, b) -> (a.partition() != b.partition()) ? Integer.compare(a.partition(), b.partition())
				: Long.compare(a.offset(), b.offset()));
		return letters;
	}

	private List<TopicPartition> partitions(String topic) {
		TopicDescription description = await(this.admin.describeTopics(List.of(topic)).allTopicNames(),
				"describe " + topic)
			.get(topic);
		return description.partitions().stream().map((p) -> new TopicPartition(topic, p.partition())).toList();
	}

	/**
	 * The dead-letter topics, all or the one of {@code topic} (named with or without
	 * .dlt).
	 */
	private List<String> deadLetterTopics(String topic) {
		if (topic != null) {
			String dlt = topic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? topic : Topics.deadLetter(topic);
			requireTopics(Set.of(dlt));
			return List.of(dlt);
		}
		Set<String> names = await(this.admin.listTopics().names(), "list topics");
		return names.stream().filter((name) -> name.endsWith(Topics.DEAD_LETTER_SUFFIX)).sorted().toList();
	}

	private void requireTopics(Set<String> topics) {
		Set<String> names = await(this.admin.listTopics().names(), "list topics");
		for (String topic : topics) {
			if (!names.contains(topic)) {
				throw new OpsException("No topic " + topic + " on " + this.bootstrap);
			}
		}
	}

	private KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				new StringSerializer(), new ByteArraySerializer());
	}

	private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
		try {
			return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OpsException("Interrupted while trying to " + what);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new OpsException("Could not " + what + " on " + this.bootstrap + ": "
					+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()));
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}
