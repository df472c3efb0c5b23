package org.stepwise.assessment.checkin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * A daily self-report and the event still to publish about it. The early-warning items
 * are null when skipped (and on check-ins stored before they existed).
 */
@Document("checkins")
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'occurredAt': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record CheckIn(@Id String id, String programId, String patientId, int mood, int craving,
		boolean usedSinceLastCheckIn, List<String> substances, BigDecimal sleepHours, int stress,
		boolean medicationTakenAsPrescribed, @Nullable Integer confidence, @Nullable Boolean highRiskSituation,
		@Nullable HighRiskCategory highRiskCategory, Set<SensitivityLabel> labels, Instant occurredAt,
		Instant recordedAt, @JsonIgnore String requestFingerprint, @JsonIgnore List<OutboxEntry> outbox) {

	public CheckIn {
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

}
