package org.stepwise.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.platform.kafka.EventPublisher.Outgoing;

/**
 * Publishes pending outbox entries. One thread per service scans the outbox collections
 * when nudged after a write, and on a poll interval to pick up what a crash left behind.
 * Entries are removed only after the broker acknowledged them, so a crash in between
 * publishes them again: at least once, and consumers de-duplicate on event id. With
 * several instances of a service, each publishes what it wrote, and the holder of the
 * {@link SweepLease sweep lease} alone sweeps for what a crashed instance left behind.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** The field of Spring Data's {@code @Version} in every document with an outbox. */
	static final String VERSION_FIELD = "version";

	private final MongoTemplate mongo;

	private final EventPublisher publisher;

	private final OutboxProperties properties;

	private final Clock clock;

	private final Timer publishLatency;

	private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile Thread worker;

	private volatile boolean running;

	private final Queue<Written> written = new ConcurrentLinkedQueue<>();

	private volatile boolean fullPassWanted = true;

	private long lastFullPass;

	private final SweepLease sweepLease;

	private record Written(String collection, Object id) {
	}

	public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties, MeterRegistry meters,
			Clock clock) {
		this.mongo = mongo;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
		// renewed at every sweep: a live holder never loses it
		this.sweepLease = new SweepLease(mongo, clock, properties.sweepInterval().multipliedBy(3));
		this.publishLatency = Timer.builder("stepwise.outbox.publish.latency")
			.description("Time from the write that created an event to its acknowledgement by the broker")
			.publishPercentileHistogram()
			.register(meters);
		for (String collection : properties.collections()) {
			AtomicLong pending = new AtomicLong();
			this.backlog.put(collection, pending);
			Gauge.builder("stepwise.outbox.pending", pending, AtomicLong::get)
				.description("Documents with events not yet published")
				.tag("collection", collection)
				.register(meters);
		}
	}

	/**
	 * Ask the relay to publish now (call after a write that added outbox entries): a pass
	 * over every outbox collection.
	 */
	public void nudge() {
		this.fullPassWanted = true;
		wakeUp();
	}

	/**
	 * Ask the relay to publish the entries of one document now: found by id, without the
	 * scan of whole collections that {@link #nudge()} costs (the store has no index for
	 * "has pending entries"), which is what a write on a hot path wants.
	 */
	public void nudge(String collection, Object id) {
		this.written.add(new Written(collection, id));
		wakeUp();
	}

	/** {@link #nudge(String, Object)} for a document of a mapped type. */
	public void nudge(Class<?> documentType, Object id) {
		nudge(this.mongo.getCollectionName(documentType), id);
	}

	private void wakeUp() {
		if (this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
	}

	/** Publishes the documents named by targeted nudges. */
	int drainWritten() {
		Map<String, Set<Object>> ids = new LinkedHashMap<>();
		for (Written next = this.written.poll(); next != null; next = this.written.poll()) {
			ids.computeIfAbsent(next.collection(), (collection) -> new LinkedHashSet<>()).add(next.id());
		}
		int published = 0;
		for (Map.Entry<String, Set<Object>> collection : ids.entrySet()) {
			// one query for all of them: under load the store's round trips are the cost
			List<Object> all = new ArrayList<>(collection.getValue());
			for (int from = 0; from < all.size(); from += this.properties.batchSize()) {
				List<Document> found = this.mongo.find(
						byIds(all.subList(from, Math.min(all.size(), from + this.properties.batchSize()))),
						Document.class, collection.getKey());
				found.removeIf((document) -> entries(document).isEmpty());
				published += publish(found, collection.getKey());
			}
		}
		return published;
	}

	/**
	 * The documents with these ids, by {@code _id} alone: the embedded store uses an
	 * index only for a query whose fields are exactly the index's, so adding "has pending
	 * entries" to the filter would read every document of the collection (measured: a
	 * plan-service catch-up spent its time and the store's heap on it). Documents without
	 * entries are skipped by the caller.
	 */
	public static Query byIds(List<Object> ids) {
		Query byIds = new Query(Criteria.where("_id").in(ids));
		byIds.fields().include("_id", OutboxEntry.FIELD);
		return byIds;
	}

	/**
	 * Documents with entries still to publish. Every entry has an event id, so this finds
	 * the same documents as {@code outbox.0 exists}, which no index answers; this filter
	 * is the partial filter of {@link OutboxEntry#PENDING_INDEX}, so MongoDB reads only
	 * that index's pending documents.
	 */
	public static Query pending() {
		return new Query(Criteria.where(OutboxEntry.FIELD + ".eventId").exists(true));
	}

	private static List<Document> entries(Document document) {
		List<Document> entries = document.getList(OutboxEntry.FIELD, Document.class);
		return (entries != null) ? entries : List.of();
	}

	/**
	 * One pass over every outbox collection: counts each one's pending documents (the
	 * backlog gauge, also while the broker is down) and publishes them. A collection read
	 * to its end has nothing left that was pending when the pass began, so its gauge
	 * drops to zero then rather than at the next (rare) sweep.
	 * @return the number of events published
	 */
	public int drainOnce() {
		int published = 0;
		for (String collection : this.properties.collections()) {
			long pending = countPending(collection);
			this.backlog.get(collection).set(pending);
			if (pending > 0) {
				Drained drained = drain(collection);
				published += drained.events();
				if (drained.toTheEnd()) {
					this.backlog.get(collection).set(0);
				}
			}
		}
		return published;
	}

	/**
	 * @param events events published
	 * @param toTheEnd whether the last read found fewer than a batch, i.e. every pending
	 * document was published (a stop can end the pass early)
	 */
	private record Drained(int events, boolean toTheEnd) {
	}

	/**
	 * The {@code count} command, not {@code countDocuments}: the embedded store runs the
	 * latter as an aggregation that holds every document of the collection at once.
	 */
	private long countPending(String collection) {
		Document result = this.mongo
			.executeCommand(new Document("count", collection).append("query", pending().getQueryObject()));
		return ((Number) result.get("n")).longValue();
	}

	private Drained drain(String collection) {
		int published = 0;
		List<Document> documents;
		do {
			Query pending = pending().limit(this.properties.batchSize());
			pending.fields().include("_id", OutboxEntry.FIELD);
			documents = this.mongo.find(pending, Document.class, collection);
			published += publish(documents, collection);
		}
		while (documents.size() == this.properties.batchSize() && this.running);
		return new Drained(published, documents.size() < this.properties.batchSize());
	}

	/** Publishes the documents' entries, then removes them from the documents. */
	private int publish(List<Document> documents, String collection) {
		if (documents.isEmpty()) {
			return 0;
		}
		List<Outgoing> records = new ArrayList<>();
		List<Instant> createdAt = new ArrayList<>();
		for (Document document : documents) {
			for (Document entry : entries(document)) {
				records.add(new Outgoing(entry.getString("topic"), entry.getString("key"), entry.getString("type"),
						entry.getString("payload").getBytes(StandardCharsets.UTF_8), entry.getString("traceparent")));
				createdAt.add(entry.getDate("createdAt").toInstant());
			}
		}
		this.publisher.publishAll(records);
		// One bulk write removes them all: one round trip (and one commit of the store)
		// instead of one per document.
		BulkOperations removal = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
		for (Document document : documents) {
			List<String> ids = entries(document).stream().map((entry) -> entry.getString("eventId")).toList();
			Update removed = new Update().pull(OutboxEntry.FIELD, new Document("eventId", new Document("$in", ids)));
			if (!this.properties.appendOnly().contains(collection)) {
				// Bumping the version makes a writer that read the entries before they
				// were published fail its optimistic lock and re-read, instead of saving
				// them back (which would publish them again).
				removed.inc(VERSION_FIELD, 1);
			}
			removal.updateOne(new Query(Criteria.where("_id").is(document.get("_id"))), removed);
		}
		removal.execute();
		Instant now = this.clock.instant();
		createdAt.forEach((created) -> this.publishLatency.record(Duration.between(created, now)));
		return records.size();
	}

	/**
	 * The periodic sweep: a {@link #drainOnce() full pass} if this instance holds the
	 * {@link SweepLease sweep lease} (taking it if free or expired).
	 * @return whether this instance swept
	 */
	boolean sweepIfLeaseHeld() {
		if (!this.sweepLease.acquire()) {
			return false;
		}
		drainOnce();
		return true;
	}

	private void loop() {
		Duration backoff = this.properties.pollInterval();
		while (this.running) {
			try {
				this.wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUp.drainPermits();
				if (!this.running) {
					return;
				}
				drainWritten();
				// A full pass when asked for (a plain nudge, at start, or after a failed
				// pass), and every sweep interval for what a crash left behind, by the
				// one
				// instance that holds the sweep lease.
				// (elapsed time, not the clock: a test's clock may stand still or jump)
				long now = System.nanoTime();
				if (this.fullPassWanted) {
					this.fullPassWanted = false;
					this.lastFullPass = now;
					drainOnce();
				}
				else if (now - this.lastFullPass >= this.properties.sweepInterval().toNanos()) {
					this.lastFullPass = now;
					sweepIfLeaseHeld();
				}
				backoff = this.properties.pollInterval();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// Broker or database unavailable: the entries stay pending; try again,
				// backing off up to 10 s.
				log.warn("Outbox relay pass failed ({}); retrying in {}", ex.getClass().getSimpleName(), backoff);
				// the documents of the failed pass are no longer queued: find them again
				this.fullPassWanted = true;
				backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(10));
			}
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
		nudge();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			this.wakeUp.release();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			releaseSweepLease();
		}
	}

	/** Another instance may sweep at once instead of after the lease's term. */
	void releaseSweepLease() {
		try {
			this.sweepLease.release();
		}
		catch (RuntimeException ex) {
			// the store is unreachable: the lease expires on its own
			log.warn("Could not give up the outbox sweep lease ({})", ex.getClass().getSimpleName());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start after the consumers, stop before the producer and the database client go
	 * away.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
