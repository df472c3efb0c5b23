package org.stepwise.contracts.checkin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;
import org.stepwise.contracts.SensitivityLabel;

/**
 * A daily self-report. Scales are 0-10. {@code usedSinceLastCheckIn} with
 * {@code substances} makes the event {@link SensitivityLabel#PART2}. The early-warning
 * items (docs/clinical-rules.md section 3b) are optional: events from before they
 * existed, and check-ins that skip them, carry null.
 *
 * @param occurredAt clinical time: when the patient filled it in
 * @param confidence abstinence self-efficacy: "how confident are you that you will not
 * use in the next 7 days", 0 (not at all) to 10 (completely)
 * @param highRiskSituation "a high-risk situation is coming up"
 * @param highRiskCategory what kind, only with {@code highRiskSituation}
 */
public record CheckInSubmitted(String checkInId, @Identifier String programId, @Identifier String patientId,
		@Range(min = 0, max = 10) int mood, @Range(min = 0, max = 10) int craving, boolean usedSinceLastCheckIn,
		List<String> substances, @Range(min = 0, max = 24) BigDecimal sleepHours, @Range(min = 0, max = 10) int stress,
		boolean medicationTakenAsPrescribed, Set<SensitivityLabel> labels, Instant occurredAt, Instant recordedAt,
		@Nullable @Range(min = 0, max = 10) Integer confidence, @Nullable Boolean highRiskSituation,
		@Nullable HighRiskCategory highRiskCategory) implements CheckInEvent {

	/** A check-in without the early-warning items. */
	public CheckInSubmitted(String checkInId, String programId, String patientId, int mood, int craving,
			boolean usedSinceLastCheckIn, List<String> substances, BigDecimal sleepHours, int stress,
			boolean medicationTakenAsPrescribed, Set<SensitivityLabel> labels, Instant occurredAt, Instant recordedAt) {
		this(checkInId, programId, patientId, mood, craving, usedSinceLastCheckIn, substances, sleepHours, stress,
				medicationTakenAsPrescribed, labels, occurredAt, recordedAt, null, null, null);
	}

}
