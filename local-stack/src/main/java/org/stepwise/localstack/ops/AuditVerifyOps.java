package org.stepwise.localstack.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import org.stepwise.contracts.audit.AuditChainCheck;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;

/**
 * {@code audit verify [--service S]}: checks each service's audit chain in the store, as
 * {@code GET /api/v1/audit/verify} does, but with the services down: every database with
 * an {@code audit} collection, every service in it.
 */
final class AuditVerifyOps {

	static final String COLLECTION = "audit";

	private AuditVerifyOps() {
	}

	static List<AuditChainCheck.Result> verify(MongoClient client, String service) {
		List<AuditChainCheck.Result> results = new ArrayList<>();
		for (String name : client.listDatabaseNames()) {
			MongoDatabase database = client.getDatabase(name);
			if (!database.listCollectionNames().into(new ArrayList<>()).contains(COLLECTION)) {
				continue;
			}
			MongoCollection<Document> audit = database.getCollection(COLLECTION);
			List<String> services = audit.distinct("service", String.class).into(new ArrayList<>());
			for (String each : services.stream().sorted().toList()) {
				if (service == null || service.equals(each)) {
					results.add(check(audit, each));
				}
			}
		}
		return results;
	}

	static int print(List<AuditChainCheck.Result> results, String service, PrintStream out) {
		if (results.isEmpty()) {
			out.println((service != null) ? "No audit records of " + service + " in the store"
					: "No audit records in the store");
			return (service != null) ? 1 : 0;
		}
		results.forEach((result) -> {
			out.println(result.summary());
			out.printf("  last sequence %d, hash %s%n", result.lastSequence(),
					(result.lastHash() != null) ? result.lastHash() : "-");
		});
		return results.stream().allMatch(AuditChainCheck.Result::intact) ? 0 : 1;
	}

	private static AuditChainCheck.Result check(MongoCollection<Document> audit, String service) {
		AuditChainCheck check = new AuditChainCheck(service);
		for (Document record : audit.find(Filters.eq("service", service))
			.projection(Projections.exclude("outbox"))
			.sort(Sorts.ascending("chainSequence"))) {
			Instant occurredAt = record.get("occurredAt", Date.class).toInstant();
			if (!(record.get("chainSequence") instanceof Number sequence)) {
				check.unchained(occurredAt);
				continue;
			}
			AuditRecorded fields = new AuditRecorded(record.get("_id").toString(), record.getString("service"),
					record.getString("actor"), record.getList("roles", String.class, List.of()),
					record.getString("clinicianId"), record.getString("action"), record.getString("patientId"),
					record.getString("programId"), AuditOutcome.valueOf(record.getString("outcome")), occurredAt);
			check.link(new AuditChainCheck.Link(sequence.longValue(), record.getString("chainPrevious"),
					record.getString("chainHash"), fields));
		}
		return check.result();
	}

}
