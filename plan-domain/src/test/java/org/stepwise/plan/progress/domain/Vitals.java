package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;

import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;

/**
 * A measurement of weight and vitals for domain tests, one value at a time: only what a
 * test sets is present.
 */
public record Vitals(String id, int day, int hour, TimeOfDay timeOfDay, BigDecimal weightKg, Integer heartRatePerMin,
		Integer systolicMmHg, Integer diastolicMmHg, BigDecimal temperatureC, Orthostatic orthostatic,
		Integer ageMonths, BigDecimal medianBmiPercent) {

	/** Nothing measured yet, on {@code day} at 10:00. */
	public static Vitals on(String id, int day) {
		return new Vitals(id, day, 10, null, null, null, null, null, null, null, null, null);
	}

	public Vitals at(int hour) {
		return new Vitals(this.id, this.day, hour, this.timeOfDay, this.weightKg, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, this.orthostatic, this.ageMonths,
				this.medianBmiPercent);
	}

	public Vitals weight(String kg) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, new BigDecimal(kg), this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, this.orthostatic, this.ageMonths,
				this.medianBmiPercent);
	}

	public Vitals heartRate(int perMin, TimeOfDay when) {
		return new Vitals(this.id, this.day, this.hour, when, this.weightKg, perMin, this.systolicMmHg,
				this.diastolicMmHg, this.temperatureC, this.orthostatic, this.ageMonths, this.medianBmiPercent);
	}

	public Vitals pressure(Integer systolic, Integer diastolic) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, this.weightKg, this.heartRatePerMin, systolic,
				diastolic, this.temperatureC, this.orthostatic, this.ageMonths, this.medianBmiPercent);
	}

	public Vitals temperature(String celsius) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, this.weightKg, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, new BigDecimal(celsius), this.orthostatic, this.ageMonths,
				this.medianBmiPercent);
	}

	public Vitals orthostatic(Orthostatic readings) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, this.weightKg, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, readings, this.ageMonths,
				this.medianBmiPercent);
	}

	public Vitals ageMonths(int months) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, this.weightKg, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, this.orthostatic, months,
				this.medianBmiPercent);
	}

	public Vitals medianBmiPercent(String percent) {
		return new Vitals(this.id, this.day, this.hour, this.timeOfDay, this.weightKg, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, this.orthostatic, this.ageMonths,
				new BigDecimal(percent));
	}

	public VitalsRecorded event() {
		return new VitalsRecorded(this.id, "program-a", "p1", this.timeOfDay, this.weightKg, null, this.heartRatePerMin,
				this.systolicMmHg, this.diastolicMmHg, this.temperatureC, this.orthostatic, this.ageMonths, null,
				this.medianBmiPercent, java.util.List.of(), Facts.at(this.day, this.hour),
				Facts.at(this.day, this.hour));
	}

}
