package org.stepwise.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * One audit record in the append-only {@value #COLLECTION} collection: inserted once,
 * never updated by the service (the outbox relay only removes the published event from
 * {@code outbox}), never deleted.
 */
@Document(AuditEntry.COLLECTION)
@CompoundIndex(name = "program_time", def = "{'programId': 1, 'occurredAt': -1}")
@CompoundIndex(name = "program_patient_time", def = "{'programId': 1, 'patientId': 1, 'occurredAt': -1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record AuditEntry(@Id String id, String service, String actor, List<String> roles, @Nullable String clinicianId,
		String action, @Nullable String patientId, @Nullable String programId, AuditOutcome outcome, Instant occurredAt,
		@JsonIgnore List<OutboxEntry> outbox) {

	public static final String COLLECTION = "audit";

	public AuditEntry {
		roles = List.copyOf(roles);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

}
