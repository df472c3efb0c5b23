package org.stepwise.contracts.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * Weight and vitals measured at one time (docs/clinical-rules.md section 8, eating
 * disorder), validated at the source. Units are in the names: kilograms, centimetres,
 * beats per minute, millimetres of mercury, degrees Celsius. Every measurement is
 * optional, at least one is present; the bounds are the values assessment-service accepts
 * as possible at all.
 *
 * @param measurementId unique per measurement
 * @param timeOfDay when the heart rate was taken (day or night); null without one
 * @param orthostatic lying and standing pulse and pressure, when taken
 * @param ageMonths completed months of age on the day measured (from a date of birth that
 * is neither stored nor published); null when not given
 * @param bmi body-mass index (kg/m2) of this weight and height, 1 decimal
 * @param medianBmiPercent the BMI as a percentage of the median BMI for age and sex (CDC
 * 2000 growth charts, 2 to 20 years), 1 decimal; null outside those ages or without sex
 * @param implausible the fields whose values are possible but implausible (accepted,
 * flagged for a check), e.g. {@code heartRatePerMin}
 * @param occurredAt clinical time: when measured
 */
public record VitalsRecorded(String measurementId, @Identifier String programId, @Identifier String patientId,
		@Nullable TimeOfDay timeOfDay, @Nullable @Range(min = 2, max = 400) BigDecimal weightKg,
		@Nullable @Range(min = 40, max = 250) BigDecimal heightCm,
		@Nullable @Range(min = 20, max = 250) Integer heartRatePerMin,
		@Nullable @Range(min = 40, max = 300) Integer systolicMmHg,
		@Nullable @Range(min = 20, max = 200) Integer diastolicMmHg,
		@Nullable @Range(min = 25, max = 45) BigDecimal temperatureC, @Nullable Orthostatic orthostatic,
		@Nullable @Range(min = 0, max = 1500) Integer ageMonths, @Nullable @Range(min = 0, max = 1000) BigDecimal bmi,
		@Nullable @Range(min = 0, max = 1000) BigDecimal medianBmiPercent, List<String> implausible, Instant occurredAt,
		Instant recordedAt) implements AssessmentEvent {

	public VitalsRecorded {
		implausible = (implausible == null) ? List.of() : List.copyOf(implausible);
	}

	/**
	 * Pulse and blood pressure lying (after at least 5 minutes) and standing (after 1 to
	 * 3 minutes); each optional, a change is read from a lying and standing pair.
	 */
	public record Orthostatic(@Nullable @Range(min = 20, max = 250) Integer lyingHeartRatePerMin,
			@Nullable @Range(min = 20, max = 250) Integer standingHeartRatePerMin,
			@Nullable @Range(min = 40, max = 300) Integer lyingSystolicMmHg,
			@Nullable @Range(min = 40, max = 300) Integer standingSystolicMmHg,
			@Nullable @Range(min = 20, max = 200) Integer lyingDiastolicMmHg,
			@Nullable @Range(min = 20, max = 200) Integer standingDiastolicMmHg) {
	}

}
