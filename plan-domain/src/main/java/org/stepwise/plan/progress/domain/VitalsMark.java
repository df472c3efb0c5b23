package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;

/**
 * What the eating-disorder rules need of one measurement of weight and vitals
 * ({@link MedicalInstabilityRule}, {@link WeightLossRule}): the values as recorded, in
 * the units of their names. Height and BMI are left out: the % median BMI is what the
 * rules read, derived at the source.
 */
public record VitalsMark(String measurementId, Instant occurredAt, @Nullable TimeOfDay timeOfDay,
		@Nullable BigDecimal weightKg, @Nullable Integer heartRatePerMin, @Nullable Integer systolicMmHg,
		@Nullable Integer diastolicMmHg, @Nullable BigDecimal temperatureC, @Nullable Orthostatic orthostatic,
		@Nullable Integer ageMonths, @Nullable BigDecimal medianBmiPercent) {

	static VitalsMark of(VitalsRecorded v) {
		return new VitalsMark(v.measurementId(), v.occurredAt(), v.timeOfDay(), v.weightKg(), v.heartRatePerMin(),
				v.systolicMmHg(), v.diastolicMmHg(), v.temperatureC(), v.orthostatic(), v.ageMonths(),
				v.medianBmiPercent());
	}

	/**
	 * Measurements are immutable at the source; this only keeps a conflict (the same id
	 * with other content) deterministic.
	 */
	static VitalsMark merge(VitalsMark a, VitalsMark b) {
		return (b.toString().compareTo(a.toString()) > 0) ? b : a;
	}

}
