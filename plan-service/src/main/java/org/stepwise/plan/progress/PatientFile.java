package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * One document per patient: the progress projection, the current plan version, the
 * recommendations still pending (older versions and closed recommendations move to
 * {@link PlanRecord}s when the document is next read for a change), the ids of recently
 * applied events and idempotent API requests (so a redelivered event or a retried request
 * changes nothing), when the clinical clock next needs to look at the patient, and the
 * events still to publish. It is written once per consumed batch, so the change and its
 * events are one atomic single-document write. Questions about all patients read
 * {@link PatientIndex} instead.
 */
@Document("patients")
// The optimistic-lock filter is {_id, version}. The embedded store only uses an index
// whose
// keys equal the query's (and implements unique ones only), so without this every
// conditional write scanned the collection (measured: the replay rate fell 3x from 24k to
// 72k events). On MongoDB it is merely redundant.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
// For findByRecommendation, on MongoDB. Not unique: the embedded store ignores partial
// filters, so there a unique one would collide on patients without recommendations.
@CompoundIndex(name = "recommendation", def = "{'state.recommendations.recommendationId': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record PatientFile(@Id String patientId, PatientState state, List<String> appliedEventIds,
		@Nullable Instant nextEvaluationAt, @Nullable @Version Long version, List<OutboxEntry> outbox) {

	/**
	 * Event ids remembered for de-duplication; redeliveries come within a batch or two,
	 * far inside this bound (and the projection's merges are idempotent anyway, so an
	 * older redelivery changes no fact either).
	 */
	static final int APPLIED_IDS_KEPT = 500;

	private static final String REQUEST = "request:";

	public PatientFile {
		appliedEventIds = List.copyOf(appliedEventIds == null ? List.of() : appliedEventIds);
		outbox = List.copyOf(outbox == null ? List.of() : outbox);
	}

	public static PatientFile start(PatientState state) {
		return new PatientFile(state.patientId(), state, List.of(), null, null, List.of());
	}

	/**
	 * A patient seen first through the plan API; the program comes with the enrolment.
	 */
	public static PatientFile startFor(String patientId) {
		return start(PatientState.start(patientId, ""));
	}

	/** The next document: new state, applied ids, due time and events appended. */
	PatientFile next(PatientState state, List<String> applied, @Nullable Instant nextEvaluationAt,
			List<OutboxEntry> events) {
		List<String> ids = new ArrayList<>(this.appliedEventIds);
		ids.addAll(applied);
		if (ids.size() > APPLIED_IDS_KEPT) {
			ids = ids.subList(ids.size() - APPLIED_IDS_KEPT, ids.size());
		}
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.addAll(events);
		return new PatientFile(this.patientId, state, ids, nextEvaluationAt, this.version, pending);
	}

	/** This document with another state (the same version: a replace of this one). */
	PatientFile withState(PatientState state) {
		return new PatientFile(this.patientId, state, this.appliedEventIds, this.nextEvaluationAt, this.version,
				this.outbox);
	}

	boolean alreadyApplied(String eventId) {
		return this.appliedEventIds.contains(eventId);
	}

	/**
	 * The fingerprint of the API request applied under this idempotent request id, if it
	 * is still remembered. Requests share the bounded list of applied events (an entry
	 * {@code request:<id>:<fingerprint>}), so checking and recording a request is part of
	 * the same single-document write as its effect: ten concurrent retries make one.
	 */
	public Optional<String> appliedRequest(String requestId) {
		String prefix = REQUEST + requestId + ":";
		return this.appliedEventIds.stream()
			.filter((id) -> id.startsWith(prefix))
			.map((id) -> id.substring(prefix.length()))
			.findFirst();
	}

	/** This document, remembering that the request was applied. */
	public PatientFile withAppliedRequest(String requestId, String fingerprint) {
		return next(this.state, List.of(REQUEST + requestId + ":" + fingerprint), this.nextEvaluationAt, List.of());
	}

}
