package org.stepwise.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.audit.AuditChain;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * One audit record in the append-only {@value #COLLECTION} collection: inserted once,
 * never updated by the service (the outbox relay only removes the published event from
 * {@code outbox}), never deleted. Each record has its place in its service's
 * {@link AuditChain} (records from before the chain have none).
 *
 * @param chainSequence the place in the chain: 1, 2, 3, ... per service
 * @param chainPrevious the hash of the record before
 * @param chainHash this record's hash
 * @param chainKey {@code <service>#<sequence>}, unique: two writers cannot take one
 * place, so the chain cannot fork
 */
@Document(AuditEntry.COLLECTION)
@CompoundIndex(name = "program_time", def = "{'programId': 1, 'occurredAt': -1}")
@CompoundIndex(name = "program_patient_time", def = "{'programId': 1, 'patientId': 1, 'occurredAt': -1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
@CompoundIndex(name = AuditEntry.CHAIN_KEY_INDEX, def = "{'chainKey': 1}", unique = true, sparse = true)
@CompoundIndex(name = "service_chain", def = "{'service': 1, 'chainSequence': 1}")
public record AuditEntry(@Id String id, String service, String actor, List<String> roles, @Nullable String clinicianId,
		String action, @Nullable String patientId, @Nullable String programId, AuditOutcome outcome, Instant occurredAt,
		@Nullable Long chainSequence, @Nullable String chainPrevious, @Nullable String chainHash,
		@JsonIgnore @Nullable String chainKey, @JsonIgnore List<OutboxEntry> outbox) {

	public static final String COLLECTION = "audit";

	static final String CHAIN_KEY_INDEX = "chain_key";

	public AuditEntry {
		roles = List.copyOf(roles);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	static String chainKey(String service, long sequence) {
		return service + "#" + sequence;
	}

	/** The fields the chain hash covers, as the event carries them. */
	AuditRecorded recorded() {
		return new AuditRecorded(this.id, this.service, this.actor, this.roles, this.clinicianId, this.action,
				this.patientId, this.programId, this.outcome, this.occurredAt, this.chainSequence, this.chainHash);
	}

}
