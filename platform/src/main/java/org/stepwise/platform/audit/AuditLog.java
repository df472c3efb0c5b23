package org.stepwise.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.stepwise.contracts.audit.AuditChain;
import org.stepwise.contracts.audit.AuditChainCheck;
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
 * <p>
 * Each record takes the next place in the service's {@link AuditChain} within that one
 * insert: a unique index on the place ({@code chainKey}) refuses a second record there,
 * so two instances (or a lost acknowledgement) cannot fork the chain; the loser reads the
 * new end of the chain and tries the next place. Inserts of one instance take their turn
 * (a lock), so they do not race each other for places. A failed insert leaves nothing
 * half written. See docs/decisions/0008.
 */
public class AuditLog {

	/** The most records one query answers. */
	public static final int MAX_RESULTS = 500;

	private static final String AUDITED = AuditLog.class.getName() + ".audited";

	/** Places lost to other instances in a row before the request fails. */
	static final int MAX_ATTEMPTS = 50;

	private final MongoTemplate mongo;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final Clock clock;

	private final String service;

	private final Lock chainTurn = new ReentrantLock();

	/** The end of the chain as this instance last saw it; null: look it up. */
	private @Nullable ChainEnd end;

	private boolean chainIndexEnsured;

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
		// the store keeps milliseconds; the hash must cover what it keeps
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		AuditRecorded fields = new AuditRecorded(UUID.randomUUID().toString(), this.service, caller.subject(),
				caller.roleClaims(), caller.clinicianId().orElse(null), action, patientId, programId, outcome, now);
		AuditEntry entry;
		this.chainTurn.lock();
		try {
			entry = append(fields);
		}
		finally {
			this.chainTurn.unlock();
		}
		this.relay.nudge(AuditEntry.COLLECTION, entry.id());
		markRequestAudited();
		return entry;
	}

	private AuditEntry append(AuditRecorded fields) {
		ensureChainIndex();
		ChainEnd end = (this.end != null) ? this.end : findEnd(0);
		for (int attempt = 1;; attempt++) {
			long sequence = end.sequence() + 1;
			String hash = AuditChain.hash(end.hash(), sequence, fields);
			AuditRecorded event = new AuditRecorded(fields.auditId(), fields.service(), fields.actor(), fields.roles(),
					fields.clinicianId(), fields.action(), fields.patientId(), fields.programId(), fields.outcome(),
					fields.occurredAt(), sequence, hash);
			AuditEntry entry = new AuditEntry(fields.auditId(), this.service, fields.actor(), fields.roles(),
					fields.clinicianId(), fields.action(), fields.patientId(), fields.programId(), fields.outcome(),
					fields.occurredAt(), sequence, end.hash(), hash, AuditEntry.chainKey(this.service, sequence),
					List.of(this.events.entry(event, fields.occurredAt())));
			try {
				this.mongo.insert(entry, AuditEntry.COLLECTION);
				this.end = new ChainEnd(sequence, hash);
				return entry;
			}
			catch (DuplicateKeyException ex) {
				// another instance took this place first
				if (attempt >= MAX_ATTEMPTS) {
					this.end = null;
					throw new IllegalStateException("The audit chain stayed contended for " + attempt + " attempts",
							ex);
				}
				end = findEnd(sequence);
			}
			catch (RuntimeException ex) {
				// the insert may have landed even so: look before the next one
				this.end = null;
				throw ex;
			}
		}
	}

	/**
	 * The end of the chain, searched from a place known to be taken (0: none) by point
	 * lookups on the unique index (doubling steps, then halving): the embedded store uses
	 * an index for exact keys only, and this stays a few lookups for any length.
	 */
	private ChainEnd findEnd(long taken) {
		long present = taken;
		long step = 1;
		while (placeTaken(present + step)) {
			present += step;
			step *= 2;
		}
		long absent = present + step;
		while (absent - present > 1) {
			long middle = present + (absent - present) / 2;
			if (placeTaken(middle)) {
				present = middle;
			}
			else {
				absent = middle;
			}
		}
		if (present == 0) {
			return new ChainEnd(0, AuditChain.genesis(this.service));
		}
		AuditEntry last = this.mongo.findOne(atPlace(present), AuditEntry.class, AuditEntry.COLLECTION);
		if (last == null || last.chainHash() == null) {
			throw new IllegalStateException("The audit record at chain place " + present + " vanished");
		}
		return new ChainEnd(present, last.chainHash());
	}

	private boolean placeTaken(long sequence) {
		return this.mongo.exists(atPlace(sequence), AuditEntry.COLLECTION);
	}

	private Query atPlace(long sequence) {
		return chainPlace(this.service, sequence);
	}

	/** The lookup of one place in a service's chain (unique index {@code chainKey}). */
	public static Query chainPlace(String service, long sequence) {
		return new Query(Criteria.where("chainKey").is(AuditEntry.chainKey(service, sequence)));
	}

	/**
	 * The chain's safety rests on this index, so it does not wait for automatic index
	 * creation (which a store without it would silently lack).
	 */
	private void ensureChainIndex() {
		if (!this.chainIndexEnsured) {
			this.mongo.indexOps(AuditEntry.COLLECTION)
				.createIndex(
						new Index("chainKey", Sort.Direction.ASC).unique().sparse().named(AuditEntry.CHAIN_KEY_INDEX));
			this.chainIndexEnsured = true;
		}
	}

	/**
	 * Checks this service's chain in the store: every chained record in sequence, the
	 * records from before the chain counted.
	 */
	public AuditChainCheck.Result verifyChain() {
		AuditChainCheck check = new AuditChainCheck(this.service);
		try (Stream<AuditEntry> entries = this.mongo.stream(chainInOrder(this.service), AuditEntry.class,
				AuditEntry.COLLECTION)) {
			entries.forEach((entry) -> {
				if (entry.chainSequence() == null) {
					check.unchained(entry.occurredAt());
				}
				else {
					check.link(new AuditChainCheck.Link(entry.chainSequence(), entry.chainPrevious(), entry.chainHash(),
							entry.recorded()));
				}
			});
		}
		return check.result();
	}

	/** A service's records in chain order (those from before the chain first). */
	public static Query chainInOrder(String service) {
		Query query = new Query(Criteria.where("service").is(service))
			.with(Sort.by(Sort.Direction.ASC, "chainSequence"));
		query.fields().exclude("outbox");
		return query;
	}

	private record ChainEnd(long sequence, String hash) {
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
