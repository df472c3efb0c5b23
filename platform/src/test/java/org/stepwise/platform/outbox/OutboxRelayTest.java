package org.stepwise.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay against the real database protocol (the broker side is Kafka's MockProducer):
 * what it reads for a targeted nudge, what it removes, and the backlog it reports.
 */
class OutboxRelayTest {

	private final String collection = "relay-test-" + System.nanoTime();

	private final MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "stepwise-platform-test");

	private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
			new ByteArraySerializer());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OutboxRelay relay = new OutboxRelay(this.mongo, new EventPublisher(this.producer, this.meters),
			new OutboxProperties(List.of(this.collection), Duration.ofMillis(500), 200, Duration.ofSeconds(30),
					List.of()),
			this.meters, Clock.systemUTC());

	@BeforeEach
	void noInstanceHoldsTheSweepLease() {
		this.mongo.dropCollection(SweepLease.COLLECTION);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aTargetedNudgePublishesThatDocumentsEntriesOnlyAndRemovesThem() {
		insert("a", entry("e1"), entry("e2"));
		insert("b", entry("e3"));
		insert("quiet");

		this.relay.nudge(this.collection, "a");
		this.relay.nudge(this.collection, "quiet");
		int published = this.relay.drainWritten();

		assertThat(published).isEqualTo(2);
		assertThat(this.producer.history()).extracting((record) -> record.key()).containsExactly("key-e1", "key-e2");
		Document a = find("a");
		assertThat(a.getList(OutboxEntry.FIELD, Document.class)).isEmpty();
		// the version moves, so a writer holding the entries it read must re-read
		assertThat(a.getInteger(OutboxRelay.VERSION_FIELD)).isEqualTo(1);
		assertThat(find("b").getList(OutboxEntry.FIELD, Document.class)).hasSize(1);
		assertThat(find("quiet").getInteger(OutboxRelay.VERSION_FIELD)).isZero();
	}

	@Test
	void anAppendOnlyCollectionsVersionStaysAsItWas() {
		OutboxRelay appendOnly = new OutboxRelay(this.mongo, new EventPublisher(this.producer, this.meters),
				new OutboxProperties(List.of(this.collection), Duration.ofMillis(500), 200, Duration.ofSeconds(30),
						List.of(this.collection)),
				this.meters, Clock.systemUTC());
		insert("a", entry("e1"));

		appendOnly.nudge(this.collection, "a");
		assertThat(appendOnly.drainWritten()).isOne();

		// its writers append their entries and never write back the ones they read: the
		// removal must not fail their optimistic lock
		assertThat(find("a").getList(OutboxEntry.FIELD, Document.class)).isEmpty();
		assertThat(find("a").getInteger(OutboxRelay.VERSION_FIELD)).isZero();
	}

	@Test
	void aTargetedReadFiltersOnTheIdAloneSoTheStoreCanUseItsIndex() {
		// mongo-java-server uses an index only for a query whose fields are exactly the
		// index's; any other field makes it decode every document of the collection
		assertThat(OutboxRelay.byIds(List.of("a", "b")).getQueryObject().keySet()).containsExactly("_id");
	}

	@Test
	void theBacklogIsCountedBeforePublishingSoItShowsWhileTheBrokerIsDown() {
		insert("a", entry("e1"));
		insert("b", entry("e2"), entry("e3"));
		insert("quiet");
		this.producer.sendException = new KafkaException("broker down");

		assertThatThrownBy(this.relay::drainOnce).isInstanceOf(KafkaException.class);

		assertThat(this.meters.get("stepwise.outbox.pending").tag("collection", this.collection).gauge().value())
			.isEqualTo(2);
		assertThat(find("b").getList(OutboxEntry.FIELD, Document.class)).hasSize(2);

		this.producer.sendException = null;
		assertThat(this.relay.drainOnce()).isEqualTo(3);
		assertThat(this.relay.drainOnce()).isZero();
		assertThat(this.meters.get("stepwise.outbox.pending").tag("collection", this.collection).gauge().value())
			.isZero();
	}

	@Test
	void theBacklogReadsZeroSoonAfterTheRelayDrainedIt() throws InterruptedException {
		insert("a", entry("e1"));
		insert("b", entry("e2"), entry("e3"));
		// a sweep as rare as plan-service's: the gauge must not wait for the next one
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OutboxRelay running = new OutboxRelay(this.mongo, new EventPublisher(this.producer, meters),
				new OutboxProperties(List.of(this.collection), Duration.ofMillis(100), 200, Duration.ofMinutes(10),
						List.of()),
				meters, Clock.systemUTC());
		running.start();
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (this.producer.history().size() < 3 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(this.producer.history()).hasSize(3);
			while (pending(meters) > 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(pending(meters)).isZero();
		}
		finally {
			running.stop();
		}
	}

	@Test
	void oneInstanceSweepsWhatACrashLeftBehindAndAnotherTakesOverWhenTheHolderStopsRenewing() {
		MockProducer<String, byte[]> otherProducer = new MockProducer<>(true, null, new StringSerializer(),
				new ByteArraySerializer());
		OutboxRelay first = relay(this.producer, Clock.systemUTC());
		OutboxRelay second = relay(otherProducer, Clock.systemUTC());
		insert("left-behind", entry("e1"));

		assertThat(first.sweepIfLeaseHeld()).isTrue();
		insert("left-behind-too", entry("e2"));
		assertThat(second.sweepIfLeaseHeld()).isFalse();

		assertThat(this.producer.history()).extracting((record) -> record.key()).containsExactly("key-e1");
		assertThat(otherProducer.history()).isEmpty();
		assertThat(find("left-behind-too").getList(OutboxEntry.FIELD, Document.class)).hasSize(1);

		// the holder was killed and renews no more: once its lease's term (3 sweep
		// intervals, 90 s here) has passed, another instance takes the leftovers over
		OutboxRelay later = relay(otherProducer, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
		assertThat(later.sweepIfLeaseHeld()).isTrue();
		assertThat(otherProducer.history()).extracting((record) -> record.key()).containsExactly("key-e2");
		assertThat(first.sweepIfLeaseHeld()).isFalse();
	}

	@Test
	void aStoppedHolderGivesTheSweepLeaseUpAtOnce() {
		OutboxRelay first = relay(this.producer, Clock.systemUTC());
		OutboxRelay second = relay(this.producer, Clock.systemUTC());
		assertThat(first.sweepIfLeaseHeld()).isTrue();
		assertThat(second.sweepIfLeaseHeld()).isFalse();

		first.releaseSweepLease();

		assertThat(second.sweepIfLeaseHeld()).isTrue();
		assertThat(first.sweepIfLeaseHeld()).isFalse();
	}

	/**
	 * With two instances, the one without the lease asks for it at every sweep. Asking by
	 * an upsert that the held lease refused with a duplicate key error made the embedded
	 * store log an ERROR with a stack trace each time: in the launcher's console, several
	 * a minute with {@code ./stepwise --instances 2}.
	 */
	@Test
	void anInstanceWithoutTheLeaseAsksForItWithoutAFailedCommand() {
		List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (MongoClient watched = MongoClients.create(com.mongodb.MongoClientSettings.builder()
			.applyConnectionString(new com.mongodb.ConnectionString(TestInfrastructure.get().mongoUri()))
			.addCommandListener(new com.mongodb.event.CommandListener() {
				@Override
				public void commandFailed(com.mongodb.event.CommandFailedEvent event) {
					failed.add(event.getCommandName() + ": " + event.getThrowable().getMessage());
				}
			})
			.build())) {
			OutboxRelay holder = relay(this.producer, Clock.systemUTC());
			OutboxRelay other = new OutboxRelay(new MongoTemplate(watched, "stepwise-platform-test"),
					new EventPublisher(this.producer, this.meters), new OutboxProperties(List.of(this.collection),
							Duration.ofMillis(500), 200, Duration.ofSeconds(30), List.of()),
					new SimpleMeterRegistry(), Clock.systemUTC());
			assertThat(holder.sweepIfLeaseHeld()).isTrue();

			assertThat(other.sweepIfLeaseHeld()).isFalse();
			assertThat(other.sweepIfLeaseHeld()).isFalse();

			assertThat(failed).isEmpty();
		}
	}

	private OutboxRelay relay(MockProducer<String, byte[]> producer, Clock clock) {
		return new OutboxRelay(
				this.mongo, new EventPublisher(producer, this.meters), new OutboxProperties(List.of(this.collection),
						Duration.ofMillis(500), 200, Duration.ofSeconds(30), List.of()),
				new SimpleMeterRegistry(), clock);
	}

	private double pending(SimpleMeterRegistry meters) {
		return meters.get("stepwise.outbox.pending").tag("collection", this.collection).gauge().value();
	}

	private void insert(String id, Document... entries) {
		this.mongo.insert(new Document("_id", id).append(OutboxRelay.VERSION_FIELD, 0)
			.append(OutboxEntry.FIELD, List.of(entries)), this.collection);
	}

	private Document find(String id) {
		return this.mongo.findById(id, Document.class, this.collection);
	}

	private static Document entry(String eventId) {
		return new Document("eventId", eventId).append("topic", "stepwise.test.v1")
			.append("key", "key-" + eventId)
			.append("type", "stepwise.test.happened.v1")
			.append("payload", "{\"id\":\"" + eventId + "\"}")
			.append("createdAt", new Date())
			.append("traceparent", null);
	}

}
