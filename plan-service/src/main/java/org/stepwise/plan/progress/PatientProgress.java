package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.AttendanceMark;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * The progress projection of one patient: everything the rules need, the ids of recently
 * applied events (so a redelivered event changes nothing), the last published assessment
 * and the events still to publish. One document per patient, written once per consumed
 * batch.
 */
@Document("progress")
public record PatientProgress(@Id String patientId, String programId, Map<String, AttendanceMark> attendance,
		@JsonIgnore List<String> appliedEventIds, long revision, RiskLevel riskLevel, List<SignalFired> signals,
		Instant assessedAt, @JsonIgnore @Version Long version, @JsonIgnore List<OutboxEntry> outbox) {

	/**
	 * Event ids remembered for de-duplication; redeliveries come within a batch or two,
	 * far inside this bound.
	 */
	static final int APPLIED_IDS_KEPT = 1_000;

	public PatientProgress {
		attendance = new HashMap<>(attendance == null ? Map.of() : attendance);
		appliedEventIds = new ArrayList<>(appliedEventIds == null ? List.of() : appliedEventIds);
		signals = List.copyOf(signals == null ? List.of() : signals);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	static PatientProgress start(String patientId, String programId) {
		return new PatientProgress(patientId, programId, null, null, 0, RiskLevel.LOW, null, null, null, null);
	}

	boolean alreadyApplied(String eventId) {
		return this.appliedEventIds.contains(eventId);
	}

	void markApplied(String eventId) {
		this.appliedEventIds.add(eventId);
		if (this.appliedEventIds.size() > APPLIED_IDS_KEPT) {
			this.appliedEventIds.subList(0, this.appliedEventIds.size() - APPLIED_IDS_KEPT).clear();
		}
	}

	PatientProgress assessed(RiskLevel riskLevel, List<SignalFired> signals, Instant at, OutboxEntry event) {
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.add(event);
		return new PatientProgress(this.patientId, this.programId, this.attendance, this.appliedEventIds,
				this.revision + 1, riskLevel, signals, at, this.version, pending);
	}

}
