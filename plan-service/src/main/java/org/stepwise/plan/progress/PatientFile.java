package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * One document per patient: the progress projection, plan history, recommendations, the
 * ids of recently applied events (so a redelivered event changes nothing), when the
 * clinical clock next needs to look at the patient, and the events still to publish. It
 * is written once per consumed batch, so the change and its events are one atomic
 * single-document write. Questions about all patients read {@link PatientIndex} instead.
 */
@Document("patients")
// The optimistic-lock filter is {_id, version}. The embedded store only uses an index
// whose
// keys equal the query's (and implements unique ones only), so without this every
// conditional write scanned the collection (measured: the replay rate fell 3x from 24k to
// 72k events). On MongoDB it is merely redundant.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
public record PatientFile(@Id String patientId, PatientState state, List<String> appliedEventIds,
		@Nullable Instant nextEvaluationAt, @Nullable @Version Long version, List<OutboxEntry> outbox) {

	/**
	 * Event ids remembered for de-duplication; redeliveries come within a batch or two,
	 * far inside this bound (and the projection's merges are idempotent anyway, so an
	 * older redelivery changes no fact either).
	 */
	static final int APPLIED_IDS_KEPT = 500;

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

	boolean alreadyApplied(String eventId) {
		return this.appliedEventIds.contains(eventId);
	}

}
