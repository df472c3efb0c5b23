package org.stepwise.assessment.vitals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * A recorded measurement of weight and vitals with what was derived and flagged, and the
 * event still to publish about it. The date of birth and sex it was sent with are not
 * kept: only the age in months and the % median BMI.
 */
@Document("vitals")
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'measuredAt': 1}")
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record VitalsRecord(@Id String id, String programId, String patientId, Instant measuredAt,
		@Nullable TimeOfDay timeOfDay, @Nullable BigDecimal weightKg, @Nullable BigDecimal heightCm,
		@Nullable Integer heartRatePerMin, @Nullable Integer systolicMmHg, @Nullable Integer diastolicMmHg,
		@Nullable BigDecimal temperatureC, @Nullable Orthostatic orthostatic, @Nullable Integer ageMonths,
		@Nullable BigDecimal bmi, @Nullable BigDecimal medianBmiPercent, List<String> implausible, Instant recordedAt,
		@JsonIgnore String requestFingerprint, @JsonIgnore List<OutboxEntry> outbox) {

	public VitalsRecord {
		implausible = List.copyOf(implausible == null ? List.of() : implausible);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

}
