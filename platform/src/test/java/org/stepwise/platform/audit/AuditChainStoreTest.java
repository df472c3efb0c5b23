package org.stepwise.platform.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.audit.AuditChainCheck.BreakKind;
import org.stepwise.contracts.audit.AuditChainCheck.Result;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxProperties;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;
import org.stepwise.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit chain as the services write it, on the test store: an untouched chain holds,
 * a record changed or removed in the store shows as a break at that record, writers in
 * parallel (in one instance and in two) leave one unbroken chain, and records from before
 * the chain are counted, not broken.
 */
class AuditChainStoreTest {

	private static final String SERVICE = "attendance-service";

	private static final Caller CLINICIAN = new Caller("clinician-a1", Set.of(Role.CLINICIAN), Set.of("program-a"),
			"clinician-a1", null);

	private final MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri());

	private final String database = "audit-chain-test-" + System.nanoTime();

	private final MongoTemplate mongo = new MongoTemplate(this.client, this.database);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		this.client.getDatabase(this.database).drop();
		this.client.close();
	}

	@Test
	void anUntouchedChainHolds() {
		AuditLog audit = auditLog();
		for (int i = 0; i < 20; i++) {
			audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-" + i);
		}

		Result result = audit.verifyChain();

		assertThat(result.intact()).isTrue();
		assertThat(result.checked()).isEqualTo(20);
		assertThat(result.lastSequence()).isEqualTo(20);
		assertThat(result.unchained()).isZero();
	}

	@Test
	void aFieldChangedInTheStoreShowsAsABreakAtThatRecord() {
		AuditLog audit = auditLog();
		List<AuditEntry> written = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			written.add(audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-" + i));
		}
		AuditEntry seventh = written.get(6);

		// someone with store access makes a read look like another patient's
		collection().updateOne(Filters.eq("_id", seventh.id()), Updates.set("patientId", "patient-x"));
		Result result = auditLog().verifyChain();

		assertThat(result.intact()).isFalse();
		assertThat(result.firstBreak().sequence()).isEqualTo(7);
		assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.HASH_MISMATCH);
		assertThat(result.firstBreak().occurredAt()).isEqualTo(seventh.occurredAt());
		assertThat(result.checked()).isEqualTo(10);
		assertThat(result.summary()).doesNotContain("patient-", "clinician-", seventh.id());
	}

	@Test
	void aRemovedRecordShowsAsAMissingSequence() {
		AuditLog audit = auditLog();
		List<AuditEntry> written = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			written.add(audit.denied(CLINICIAN, "attendance.read", "program-a", "patient-" + i));
		}

		collection().deleteOne(Filters.eq("_id", written.get(3).id()));
		Result result = auditLog().verifyChain();

		assertThat(result.firstBreak().sequence()).isEqualTo(4);
		assertThat(result.firstBreak().kind()).isEqualTo(BreakKind.MISSING_SEQUENCE);
		assertThat(result.firstBreak().occurredAt()).isEqualTo(written.get(4).occurredAt());
	}

	@Test
	void theOutboxRelayEmptyingTheOutboxLeavesTheChainIntact() {
		AuditLog audit = auditLog();
		for (int i = 0; i < 3; i++) {
			audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-" + i);
		}
		MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
				new ByteArraySerializer());
		OutboxRelay relay = new OutboxRelay(this.mongo, new EventPublisher(producer, this.meters),
				new OutboxProperties(List.of(AuditEntry.COLLECTION), Duration.ofMillis(500), 200,
						Duration.ofSeconds(30), List.of(AuditEntry.COLLECTION)),
				this.meters, Clock.systemUTC());

		assertThat(relay.drainOnce()).isEqualTo(3);

		assertThat(collection().find().map((d) -> d.getList("outbox", Object.class))).allMatch(List::isEmpty);
		assertThat(audit.verifyChain().intact()).isTrue();
		// the events carry the chain: a consumer keeping the newest (by chain sequence:
		// the relay publishes separate entries in no particular order) sees removals at
		// the end
		EventCodec codec = new EventCodec();
		AuditRecorded last = producer.history()
			.stream()
			.map((record) -> (AuditRecorded) codec.decode(record.value()).data())
			.max(Comparator.comparingLong(AuditRecorded::chainSequence))
			.orElseThrow();
		assertThat(producer.history()).hasSize(3);
		assertThat(last.chainSequence()).isEqualTo(3L);
		assertThat(last.chainHash()).isEqualTo(audit.verifyChain().lastHash());
	}

	@Test
	void writersInParallelInTwoInstancesLeaveOneUnbrokenChain() throws Exception {
		// two instances of the service: each takes its own turns, the unique index
		// settles
		// who gets a place
		List<AuditLog> instances = List.of(auditLog(), auditLog());
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Void>> writers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				AuditLog audit = instances.get(t % 2);
				int writer = t;
				writers.add(() -> {
					for (int i = 0; i < 50; i++) {
						audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-" + writer + "-" + i);
					}
					return null;
				});
			}
			for (Future<Void> done : threads.invokeAll(writers)) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		Result result = auditLog().verifyChain();

		assertThat(result.firstBreak()).isNull();
		assertThat(result.checked()).isEqualTo(400);
		assertThat(result.lastSequence()).isEqualTo(400);
	}

	@Test
	void recordsFromBeforeTheChainAreReportedAsUnchainedNotAsABreak() {
		Instant before = Instant.parse("2026-01-05T10:00:00Z");
		for (int i = 0; i < 3; i++) {
			// as the old code wrote them: no chain fields
			collection().insertOne(new Document("_id", "old-" + i).append("service", SERVICE)
				.append("actor", "clinician-a1")
				.append("roles", List.of("clinician"))
				.append("action", "attendance.read")
				.append("programId", "program-a")
				.append("outcome", "ALLOWED")
				.append("occurredAt", Date.from(before.plusSeconds(i)))
				.append("outbox", List.of()));
		}
		AuditLog audit = auditLog();
		audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-1");
		audit.allowed(CLINICIAN, "attendance.read", "program-a", "patient-2");

		Result result = audit.verifyChain();

		assertThat(result.intact()).isTrue();
		assertThat(result.checked()).isEqualTo(2);
		assertThat(result.unchained()).isEqualTo(3);
		assertThat(result.unchainedBefore()).isEqualTo(before.plusSeconds(2));
		assertThat(result.summary()).endsWith("3 unchained before 2026-01-05T10:00:02Z");
	}

	@Test
	void aNewInstanceContinuesTheChainWhereTheStoreEndsIt() {
		AuditLog first = auditLog();
		for (int i = 0; i < 37; i++) {
			first.allowed(CLINICIAN, "attendance.read", "program-a", "patient-" + i);
		}

		AuditEntry next = auditLog().allowed(CLINICIAN, "attendance.read", "program-a", "patient-1");

		assertThat(next.chainSequence()).isEqualTo(38L);
		assertThat(first.verifyChain().intact()).isTrue();
	}

	private AuditLog auditLog() {
		OutboxRelay relay = new OutboxRelay(this.mongo,
				new EventPublisher(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
						this.meters),
				new OutboxProperties(List.of(AuditEntry.COLLECTION), Duration.ofMillis(500), 200,
						Duration.ofSeconds(30), List.of(AuditEntry.COLLECTION)),
				this.meters, Clock.systemUTC());
		return new AuditLog(this.mongo, new OutboxEvents(new EventCodec(), SERVICE), relay, Clock.systemUTC(), SERVICE);
	}

	private com.mongodb.client.MongoCollection<Document> collection() {
		return this.client.getDatabase(this.database).getCollection(AuditEntry.COLLECTION);
	}

}
