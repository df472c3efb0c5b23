package org.stepwise.plan.progress;

import java.time.Duration;
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
 * {@link PlanRecord}s when the document is next read for a change), the idempotent API
 * requests recently applied (so a retried request changes nothing), when the clinical
 * clock next needs to look at the patient, and the events still to publish. It is written
 * once per consumed batch, so the change and its events are one atomic single-document
 * write. Consumed events need no list of applied ids: a redelivered or twice-published
 * event is told by its fold changing nothing (see {@code Retention.news}). Questions
 * about all patients read {@link PatientIndex} instead.
 *
 * @param appliedRequests the idempotent API requests remembered, oldest first (at most
 * {@link #REQUESTS_KEPT}, none older than {@link #REQUESTS_KEPT_FOR})
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
public record PatientFile(@Id String patientId, PatientState state, List<AppliedRequest> appliedRequests,
		@Nullable Instant nextEvaluationAt, @Nullable @Version Long version, List<OutboxEntry> outbox) {

	/**
	 * Requests remembered per patient: a client retries within seconds or minutes (the
	 * other services keep their idempotent records for good, but those are the records
	 * themselves; here the memory rides on the hot document, so it is bounded by count
	 * and age).
	 */
	static final int REQUESTS_KEPT = 20;

	static final Duration REQUESTS_KEPT_FOR = Duration.ofHours(24);

	private static final String LEGACY_REQUEST = "request:";

	/**
	 * An idempotent API request applied to this patient.
	 *
	 * @param id the request id (from the caller's key, the action and the patient)
	 * @param fingerprint the request body's digest
	 * @param at when it was applied (wall clock); null for one carried over from a
	 * document written before requests had their own list, kept until the next request is
	 * recorded
	 */
	public record AppliedRequest(String id, String fingerprint, @Nullable Instant at) {

		boolean rememberedAt(Instant now) {
			return this.at == null || this.at.isAfter(now.minus(REQUESTS_KEPT_FOR));
		}

	}

	public PatientFile {
		appliedRequests = List.copyOf(appliedRequests == null ? List.of() : appliedRequests);
		outbox = List.copyOf(outbox == null ? List.of() : outbox);
	}

	/**
	 * This document read from one written before de-duplication went by the projection:
	 * those held up to 500 applied event ids and the requests as
	 * {@code request:<id>:<fingerprint>} entries in {@code appliedEventIds}. The requests
	 * are carried over (the latest {@link #REQUESTS_KEPT}), the event ids dropped; the
	 * next write leaves the old field out. See {@link LegacyPatientFiles}.
	 */
	PatientFile withLegacyRequests(List<?> appliedEventIds) {
		List<AppliedRequest> requests = new ArrayList<>();
		for (Object entry : appliedEventIds) {
			String text = String.valueOf(entry);
			int colon = text.indexOf(':', LEGACY_REQUEST.length());
			if (text.startsWith(LEGACY_REQUEST) && colon > 0) {
				requests.add(new AppliedRequest(text.substring(LEGACY_REQUEST.length(), colon),
						text.substring(colon + 1), null));
			}
		}
		requests.addAll(this.appliedRequests);
		return new PatientFile(this.patientId, this.state, latest(requests), this.nextEvaluationAt, this.version,
				this.outbox);
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

	/** The next document: new state, due time and events appended. */
	PatientFile next(PatientState state, @Nullable Instant nextEvaluationAt, List<OutboxEntry> events) {
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.addAll(events);
		return new PatientFile(this.patientId, state, this.appliedRequests, nextEvaluationAt, this.version, pending);
	}

	/** This document with another state (the same version: a replace of this one). */
	PatientFile withState(PatientState state) {
		return new PatientFile(this.patientId, state, this.appliedRequests, this.nextEvaluationAt, this.version,
				this.outbox);
	}

	/**
	 * The fingerprint of the API request applied under this idempotent request id, if it
	 * is still remembered at {@code now}. Checking and recording a request is part of the
	 * same single-document write as its effect: ten concurrent retries make one.
	 */
	public Optional<String> appliedRequest(String requestId, Instant now) {
		return this.appliedRequests.stream()
			.filter((r) -> r.id().equals(requestId) && r.rememberedAt(now))
			.map(AppliedRequest::fingerprint)
			.findFirst();
	}

	/**
	 * This document, remembering that the request was applied at {@code now}, and
	 * forgetting those that are too old (carried-over ones included) or too many.
	 */
	public PatientFile withAppliedRequest(String requestId, String fingerprint, Instant now) {
		List<AppliedRequest> requests = new ArrayList<>();
		for (AppliedRequest request : this.appliedRequests) {
			if (request.at() != null && request.rememberedAt(now) && !request.id().equals(requestId)) {
				requests.add(request);
			}
		}
		requests.add(new AppliedRequest(requestId, fingerprint, now));
		return new PatientFile(this.patientId, this.state, latest(requests), this.nextEvaluationAt, this.version,
				this.outbox);
	}

	private static List<AppliedRequest> latest(List<AppliedRequest> requests) {
		return (requests.size() > REQUESTS_KEPT) ? requests.subList(requests.size() - REQUESTS_KEPT, requests.size())
				: requests;
	}

}
