package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * An alert about one patient and one kind. At most one is active (open or acknowledged)
 * per patient and kind: the patient's events arrive in order on one partition, consumed
 * by one instance, which updates the active alert instead of opening another.
 */
@Document("alerts")
@CompoundIndex(name = "patient_status", def = "{'patientId': 1, 'status': 1}")
public record Alert(@Id String id, String programId, String patientId, String kind, Severity severity,
		AlertStatus status, String evidence, Map<String, String> values, List<String> careTeam,
		List<String> sourceEventIds, long progressRevision, Instant raisedAt, Instant updatedAt,
		@JsonIgnore @Version Long version, @JsonIgnore List<OutboxEntry> outbox) {

	public Alert {
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	Alert with(Severity severity, AlertStatus status, String evidence, Map<String, String> values,
			List<String> sourceEventIds, long progressRevision, Instant at, OutboxEntry event) {
		List<OutboxEntry> pending = new ArrayList<>(this.outbox);
		pending.add(event);
		return new Alert(this.id, this.programId, this.patientId, this.kind, severity, status, evidence, values,
				this.careTeam, sourceEventIds, progressRevision, this.raisedAt, at, this.version, pending);
	}

}
