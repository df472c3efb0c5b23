package org.stepwise.contracts.checkin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;
import org.stepwise.contracts.SensitivityLabel;

/**
 * A daily self-report. Scales are 0-10. {@code usedSinceLastCheckIn} with
 * {@code substances} makes the event {@link SensitivityLabel#PART2}.
 *
 * @param occurredAt clinical time: when the patient filled it in
 */
public record CheckInSubmitted(String checkInId, @Identifier String programId, @Identifier String patientId,
		@Range(min = 0, max = 10) int mood, @Range(min = 0, max = 10) int craving, boolean usedSinceLastCheckIn,
		List<String> substances, @Range(min = 0, max = 24) BigDecimal sleepHours, @Range(min = 0, max = 10) int stress,
		boolean medicationTakenAsPrescribed, Set<SensitivityLabel> labels, Instant occurredAt,
		Instant recordedAt) implements CheckInEvent {
}
