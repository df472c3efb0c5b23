package org.stepwise.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.Caller;

/**
 * Writes an audit record for every read or change of patient data, and for every refused
 * attempt: one insert into the append-only {@value AuditEntry#COLLECTION} collection
 * carrying its {@code stepwise.audit.v1} event in its outbox. The write is synchronous:
 * if the audit record cannot be stored, the request fails instead of going unaudited.
 * Nothing is logged (the record holds a patient id).
 */
public class AuditLog {

	/** The most records one query answers. */
	public static final int MAX_RESULTS = 500;

	private static final String AUDITED = AuditLog.class.getName() + ".audited";

	private final MongoTemplate mongo;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final Clock clock;

	private final String service;

	public AuditLog(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock, String service) {
		this.mongo = mongo;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
		this.service = service;
	}

	public AuditEntry allowed(Caller caller, String action, @Nullable String programId, @Nullable String patientId) {
		return record(caller, action, programId, patientId, AuditOutcome.ALLOWED);
	}

	public AuditEntry denied(Caller caller, String action, @Nullable String programId, @Nullable String patientId) {
		return record(caller, action, programId, patientId, AuditOutcome.DENIED);
	}

	public AuditEntry record(Caller caller, String action, @Nullable String programId, @Nullable String patientId,
			AuditOutcome outcome) {
		Instant now = this.clock.instant();
		String id = UUID.randomUUID().toString();
		String clinicianId = caller.clinicianId().orElse(null);
		AuditRecorded event = new AuditRecorded(id, this.service, caller.subject(), caller.roleClaims(), clinicianId,
				action, patientId, programId, outcome, now);
		AuditEntry entry = new AuditEntry(id, this.service, caller.subject(), caller.roleClaims(), clinicianId, action,
				patientId, programId, outcome, now, List.of(this.events.entry(event, now)));
		this.mongo.insert(entry, AuditEntry.COLLECTION);
		this.relay.nudge(AuditEntry.COLLECTION, entry.id());
		markRequestAudited();
		return entry;
	}

	/** Whether this request wrote an audit record already. */
	public static boolean isAudited(HttpServletRequest request) {
		return request.getAttribute(AUDITED) != null;
	}

	private static void markRequestAudited() {
		// consumers have no request
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			try {
				attributes.getRequest().setAttribute(AUDITED, Boolean.TRUE);
			}
			catch (IllegalStateException ex) {
				// an SSE delivery after its request ended: nothing left to mark
			}
		}
	}

	/**
	 * Audit records of one program (optionally one patient) in {@code [from, to)}, newest
	 * first.
	 */
	public List<AuditEntry> find(String programId, @Nullable String patientId, Instant from, Instant to, int limit) {
		return this.mongo.find(query(programId, patientId, from, to, limit), AuditEntry.class, AuditEntry.COLLECTION);
	}

	/** The query of {@link #find}, for the index check. */
	public static Query query(String programId, @Nullable String patientId, Instant from, Instant to, int limit) {
		Criteria criteria = Criteria.where("programId").is(programId).and("occurredAt").gte(from).lt(to);
		if (patientId != null) {
			criteria = criteria.and("patientId").is(patientId);
		}
		return new Query(criteria).with(Sort.by(Sort.Direction.DESC, "occurredAt"))
			.limit(Math.clamp(limit, 1, MAX_RESULTS));
	}

}
