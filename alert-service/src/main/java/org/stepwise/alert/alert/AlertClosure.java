package org.stepwise.alert.alert;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

/**
 * The evidence a patient's latest alert of one kind was closed on, which
 * {@link AlertBook} compares new evidence of the kind with (see its rules). One document
 * per patient and kind, replaced at every closure: bounded however long the patient's
 * history grows, and read with the active alerts in one query by patient.
 *
 * @param id {@code patientId/kind}
 * @param alertId the closed alert
 * @param status {@code RESOLVED} (by a clinician or a decision) or {@code AUTO_RESOLVED}
 * (by the system: the condition no longer held, or it was inhibited)
 * @param severity the alert's severity when it closed
 * @param since clinical time the closed occurrence started to hold (the signal's
 * {@code since}, the assessment's or the recommendation's time); null for kinds without
 * one (relapse risk, step-down readiness) and alerts stored before it was kept
 * @param revision the revision of the newest evidence applied when it closed, or of the
 * progress picture in which the kind was seen cleared
 * @param cleared whether a progress picture newer than the resolution showed the kind no
 * longer holding: its return is then a new signal
 */
@Document("alertClosures")
public record AlertClosure(@Id String id, @Indexed String patientId, String kind, String alertId, AlertStatus status,
		Severity severity, @Nullable Instant since, long revision, boolean cleared, Instant closedAt) {

	/** The closure of an alert that just closed. */
	public static AlertClosure of(Alert closed) {
		if (closed.active()) {
			throw new IllegalArgumentException("alert " + closed.id() + " is not closed");
		}
		String since = closed.values().get(AlertBook.SINCE);
		return new AlertClosure(AlertBook.key(closed.patientId(), closed.kind()), closed.patientId(), closed.kind(),
				closed.id(), closed.status(), closed.severity(), (since != null) ? Instant.parse(since) : null,
				closed.sourceRevision(), false, closed.updatedAt());
	}

	/** This closure, the kind seen no longer holding at {@code revision}. */
	AlertClosure cleared(long revision) {
		return new AlertClosure(this.id, this.patientId, this.kind, this.alertId, this.status, this.severity,
				this.since, revision, true, this.closedAt);
	}

}
