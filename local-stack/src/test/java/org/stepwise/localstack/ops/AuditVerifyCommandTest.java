package org.stepwise.localstack.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.contracts.audit.AuditChain;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.infra.MongoWireServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./stepwise ops audit verify} with the services down: it opens the data
 * directory's store file itself, checks each service's chain (records laid out as the
 * platform's AuditLog writes them), and finds a record changed or removed in the store.
 */
class AuditVerifyCommandTest {

	private static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");

	@TempDir
	Path data;

	@Test
	void anUntouchedStoreVerifiesAndATamperedOneShowsTheFirstBreak() {
		change((audit) -> {
			writeChain(audit, "attendance-service", 6);
			writeChain(audit, "plan-service", 3);
		});

		String intact = verify(0);
		assertThat(intact).contains("attendance-service: 6 records checked, intact up to sequence 6",
				"plan-service: 3 records checked, intact up to sequence 3");

		change((audit) -> audit.updateOne(Filters.eq("_id", "attendance-service-4"),
				Updates.set("action", "attendance.correct")));
		String changed = verify(1, "--service", "attendance-service");
		assertThat(changed)
			.contains("attendance-service: 6 records checked, BROKEN at sequence 4 (2026-03-03T09:00:04Z)"
					+ ": HASH_MISMATCH")
			.doesNotContain("patient-", "plan-service");

		change((audit) -> audit.deleteOne(Filters.eq("_id", "plan-service-2")));
		assertThat(verify(1, "--service", "plan-service")).contains("BROKEN at sequence 2", "MISSING_SEQUENCE");
	}

	@Test
	void whileTheStackRunsItReadsTheRunningStore() {
		try (MongoWireServer store = MongoWireServer.durable(storeFile(), 0);
				MongoClient client = MongoClients.create(store.connectionString())) {
			writeChain(client.getDatabase("stepwise-alert").getCollection("audit"), "alert-service", 2);

			assertThat(DataDirOps.lockedByAnother(storeFile())).isTrue();
			assertThat(verify(0, "--mongo", store.connectionString())).contains("alert-service: 2 records checked");
		}
	}

	private String verify(int expectedStatus, String... options) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		String[] args = new String[options.length + 4];
		args[0] = "audit";
		args[1] = "verify";
		args[2] = "--data-dir";
		args[3] = this.data.toString();
		System.arraycopy(options, 0, args, 4, options.length);
		int status = Ops.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(status).as(output).isEqualTo(expectedStatus);
		return output;
	}

	/** Opens the store file as the stack would, changes it, closes it. */
	private void change(Consumer<MongoCollection<Document>> change) {
		try (MongoWireServer store = MongoWireServer.durable(storeFile(), 0);
				MongoClient client = MongoClients.create(store.connectionString())) {
			change.accept(client.getDatabase("stepwise-attendance").getCollection("audit"));
		}
	}

	private Path storeFile() {
		return this.data.resolve("mongo").resolve("stepwise.mv");
	}

	/** Records as AuditLog writes them (the platform's test writes them through it). */
	private static void writeChain(MongoCollection<Document> audit, String service, int size) {
		String previous = AuditChain.genesis(service);
		for (int sequence = 1; sequence <= size; sequence++) {
			String id = service + "-" + sequence;
			Instant at = T0.plusSeconds(sequence);
			AuditRecorded record = new AuditRecorded(id, service, "clinician-a1", List.of("clinician"), "clinician-a1",
					"attendance.read", "patient-" + sequence, "program-a", AuditOutcome.ALLOWED, at);
			String hash = AuditChain.hash(previous, sequence, record);
			audit.insertOne(new Document("_id", id).append("service", service)
				.append("actor", "clinician-a1")
				.append("roles", List.of("clinician"))
				.append("clinicianId", "clinician-a1")
				.append("action", "attendance.read")
				.append("patientId", "patient-" + sequence)
				.append("programId", "program-a")
				.append("outcome", "ALLOWED")
				.append("occurredAt", Date.from(at))
				.append("chainSequence", (long) sequence)
				.append("chainPrevious", previous)
				.append("chainHash", hash)
				.append("chainKey", service + "#" + sequence)
				.append("outbox", List.of()));
			previous = hash;
		}
	}

}
