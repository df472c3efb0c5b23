package org.stepwise.assessment.vitals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

/**
 * Weight and vitals measured at one time, as a tool records them; the units are in the
 * field names. Every measurement is optional, at least one is required. Possible ranges
 * and what is flagged as implausible: {@link VitalsCheck}.
 *
 * @param measuredAt clinical time: when measured
 * @param timeOfDay DAY or NIGHT, required with a heart rate (the thresholds differ)
 * @param orthostatic lying and standing pulse and pressure
 * @param dateOfBirth with {@code sex}, for the % median BMI of 2 to 20 year olds; only
 * the age in months is kept
 * @param sex for the % median BMI; neither stored nor published
 */
public record RecordVitalsRequest(@NotBlank @Identifier String patientId, @NotBlank @Identifier String programId,
		@NotNull @PlausibleTime Instant measuredAt, @Nullable TimeOfDay timeOfDay, @Nullable BigDecimal weightKg,
		@Nullable BigDecimal heightCm, @Nullable Integer heartRatePerMin, @Nullable Integer systolicMmHg,
		@Nullable Integer diastolicMmHg, @Nullable BigDecimal temperatureC,
		VitalsRecorded.@Nullable Orthostatic orthostatic, @Nullable LocalDate dateOfBirth,
		Submission.@Nullable Sex sex) {
}
