package org.stepwise.contracts.checkin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;

/**
 * A daily self-report. Scales are 0-10. {@code usedSinceLastCheckIn} with
 * {@code substances} makes the event {@link SensitivityLabel#PART2}.
 *
 * @param occurredAt clinical time: when the patient filled it in
 */
public record CheckInSubmitted(String checkInId, String programId, String patientId, int mood, int craving,
		boolean usedSinceLastCheckIn, List<String> substances, BigDecimal sleepHours, int stress,
		boolean medicationTakenAsPrescribed, Set<SensitivityLabel> labels, Instant occurredAt,
		Instant recordedAt) implements CheckInEvent {
}
