package org.stepwise.contracts.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;

/**
 * One read or change of patient data, or a refused attempt (HIPAA audit controls, 45 CFR
 * 164.312(b)). Carries ids only, never clinical values.
 *
 * @param service the service that served (or refused) the request
 * @param actor the token subject (a user name or a client id)
 * @param roles the caller's roles
 * @param clinicianId the caller's clinician id, for clinicians
 * @param action what was attempted, e.g. {@code attendance.read}, {@code check-in.submit}
 * @param patientId the patient concerned, when the access concerns one
 * @param programId the program concerned, when known
 * @param chainSequence the record's place in its service's {@link AuditChain} (none from
 * services before the chain): a consumer that keeps the newest sees records removed at
 * the end of the chain
 * @param chainHash the record's chain hash
 */
public record AuditRecorded(String auditId, String service, String actor, List<String> roles,
		@Nullable String clinicianId, String action, @Nullable @Identifier String patientId,
		@Nullable @Identifier String programId, AuditOutcome outcome, Instant occurredAt, @Nullable Long chainSequence,
		@Nullable String chainHash) implements AuditEvent {

	/** A record outside any chain. */
	public AuditRecorded(String auditId, String service, String actor, List<String> roles, @Nullable String clinicianId,
			String action, @Nullable String patientId, @Nullable String programId, AuditOutcome outcome,
			Instant occurredAt) {
		this(auditId, service, actor, roles, clinicianId, action, patientId, programId, outcome, occurredAt, null,
				null);
	}

	@Override
	public String subject() {
		if (this.patientId != null) {
			return this.patientId;
		}
		return (this.programId != null) ? this.programId : this.actor;
	}

}
