package org.stepwise.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The stack's consumer lag, sampled every second while a chaos run goes on: for each
 * consumer group that commits offsets (the services' groups, not the anonymous ones of
 * the live streams nor the test's own), the records on the broker that the group has not
 * committed yet. A sample that fails (the broker restarting) is skipped.
 */
final class ConsumerLag implements AutoCloseable {

	private static final long TIMEOUT_MS = 3_000;

	private final Admin admin;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "consumer-lag");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Long> maxByGroup = new ConcurrentHashMap<>();

	/** Samples in order: when (nanoTime) and the lag of all groups together. */
	private final List<long[]> samples = new CopyOnWriteArrayList<>();

	ConsumerLag(String bootstrap) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
		this.timer.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	/** The largest lag seen per group, in records. */
	Map<String, Long> maxByGroup() {
		return new TreeMap<>(this.maxByGroup);
	}

	/**
	 * How long after a fault at {@code faultNanos} the groups were caught up again: the
	 * first sample at or after {@code notBeforeNanos} whose lag is back at most to what
	 * it was in the 5 s before the fault (the traffic's own lag).
	 */
	Optional<Duration> caughtUp(long faultNanos, long notBeforeNanos) {
		long before = this.samples.stream()
			.filter((s) -> s[0] <= faultNanos && s[0] >= faultNanos - Duration.ofSeconds(5).toNanos())
			.mapToLong((s) -> s[1])
			.max()
			.orElse(0);
		return this.samples.stream()
			.filter((s) -> s[0] >= notBeforeNanos && s[1] <= before)
			.findFirst()
			.map((s) -> Duration.ofNanos(s[0] - faultNanos));
	}

	/**
	 * Waits until every group that consumes {@code topic} has committed its partition
	 * {@code partition} at or past {@code offset}.
	 * @return how long that took, or empty after 30 s
	 */
	Optional<Duration> awaitCommittedPast(String topic, int partition, long offset) throws InterruptedException {
		long started = System.nanoTime();
		TopicPartition watched = new TopicPartition(topic, partition);
		while (System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
			try {
				boolean past = true;
				int consumers = 0;
				for (Map<TopicPartition, OffsetAndMetadata> committed : committedByGroup().values()) {
					if (committed.keySet().stream().noneMatch((p) -> p.topic().equals(topic))) {
						continue;
					}
					consumers++;
					OffsetAndMetadata at = committed.get(watched);
					past &= at != null && at.offset() >= offset;
				}
				if (past && consumers > 0) {
					return Optional.of(Duration.ofNanos(System.nanoTime() - started));
				}
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				// the broker busy: ask again
			}
			Thread.sleep(50);
		}
		return Optional.empty();
	}

	/**
	 * The committed offsets of the groups that commit (the services'), by group: not the
	 * anonymous groups of the live streams nor the test's own ({@code chaos-}).
	 */
	private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup() throws InterruptedException,
			java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
		for (GroupListing group : this.admin.listGroups().all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
			String id = group.groupId();
			if (!id.startsWith("anonymous") && !id.startsWith("chaos-")) {
				committed.put(id,
						this.admin.listConsumerGroupOffsets(id)
							.partitionsToOffsetAndMetadata()
							.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
			}
		}
		return committed;
	}

	private void sample() {
		try {
			long at = System.nanoTime();
			long total = 0;
			for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> group : committedByGroup().entrySet()) {
				String id = group.getKey();
				Map<TopicPartition, OffsetAndMetadata> committed = group.getValue();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				committed.forEach((partition, offset) -> {
					if (offset != null) {
						latest.put(partition, OffsetSpec.latest());
					}
				});
				if (latest.isEmpty()) {
					continue;
				}
				Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
					.all()
					.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
				long lag = 0;
				for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
					lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
				}
				this.maxByGroup.merge(id, lag, Math::max);
				total += lag;
			}
			this.samples.add(new long[] { at, total });
		}
		catch (Exception ex) {
			// the broker away: no sample this second
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.admin.close(Duration.ofSeconds(2));
	}

}
