package org.stepwise.assessment.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * A scored instrument with its item-level responses, and the event still to publish about
 * it.
 */
@Document("assessments")
@CompoundIndex(name = "patient_instrument_time", def = "{'patientId': 1, 'instrument': 1, 'occurredAt': 1}")
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'occurredAt': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record AssessmentRecord(@Id String id, String programId, String patientId, Instrument instrument,
		Map<String, Integer> items, @Nullable Integer total, Map<String, Integer> subscales, String band,
		List<AnalyteResult> analytes, SafetyLevel safety, Set<SensitivityLabel> labels, Instant occurredAt,
		Instant recordedAt, @JsonIgnore String requestFingerprint, @JsonIgnore List<OutboxEntry> outbox) {

	public AssessmentRecord {
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

}
