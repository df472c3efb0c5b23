package org.stepwise.plan.progress.domain;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

/**
 * Every clinical threshold of docs/clinical-rules.md sections 1, 3, 4, 5 and 8 and of the
 * program types, with its defaults. A program overrides any of them by property name (the
 * record component name, e.g. {@code phq9ReliableChange}) through
 * {@code ProgramUpdated.thresholdOverrides}. Percentages are whole percent; windows are
 * clinical days in the program's zone.
 */
public record Thresholds(
		// S1 / S2
		int phq9Item9Urgent, int safetyWindowDays,
		// S3 / S4 / S5
		int phq9ReliableChange, int gad7ReliableChange, int notOnTrackBaselineMin, int notOnTrackWeek4DropPercent,
		int notOnTrackWeek8ResponsePercent,
		// S6
		int useWindowDays, int useRepeatCount,
		// S7
		int cravingHigh, int cravingConsecutive, int cravingRecentDays, int pacsElevated,
		// S8
		int bamRiskConcern, int bamProtectiveConcern, int instrumentRecentDays,
		// S9 / S10
		int noShowOutreach, int noShowDischargeRisk, int attendanceMinPercent, int attendanceWindowDays,
		int attendanceMinScheduled,
		// S11 (section 1 bands)
		int opAdultMaxHours, int iopAdultMinHours, int iopAdolescentMinHours, int iopMaxHours, int phpMinHours,
		int phpMaxHours,
		// S12
		int silenceDays,
		// S13 (adolescent programs)
		int familySessionsMissedInRow,
		// section 4
		int stepDownMinDays, int stepDownSoberDays, int stepDownAttendancePercent, int stepDownAttendanceDays,
		int stepDownPhq9Below, int stepDownGad7Below, int stepDownCravingMaxAverage, int stepDownCravingDays,
		int stepUpHighRiskDays, int stepUpPhq9, int recommendationCooldownDays, int recommendationExpiryDays,
		// section 5
		int hourStep, int autoChangeMinDays,
		// late and out-of-order facts: how long a patient's facts must have been quiet
		// before anything counts as absent (see Rules)
		int absenceSettleMinutes,
		// instrument schedules (InstrumentSchedule): days between administrations, 0 for
		// not scheduled; the program's focus selects which of them apply
		int phq9EveryDays, int gad7EveryDays, int bamEveryDays, int auditcEveryDays, int dast10EveryDays,
		int pacsEveryDays,
		// eating disorder (section 8): medical instability (S14; "Below" and "Above" are
		// strict, "AtMost" inclusive; temperature in tenths of a degree Celsius), rapid
		// weight loss (S15, grams a week for that many weeks) and EDE-QS worsening (S16)
		int edMedianBmiPercentAtMost, int edHeartRateDayBelow, int edHeartRateNightBelow, int edSystolicBelow,
		int edDiastolicBelow, int edTemperatureBelowTenthsC, int edOrthostaticPulseRiseAdultAbove,
		int edOrthostaticPulseRiseAdolescentAbove, int edOrthostaticSystolicDropAbove,
		int edOrthostaticDiastolicDropAbove, int edVitalsRecentDays, int edWeightLossGramsPerWeek,
		int edWeightLossWeeks, int edeqsRise,
		// the EDE-QS on the instrument schedule of an eating-disorder program
		int edeqsEveryDays,
		// aftercare (section 8, AftercareSchedule): months of weekly check-ins, months
		// between check-ups, months until the patient is closed; the re-entry signal's
		// PHQ-9 (S17)
		int aftercareWeeklyMonths, int aftercareCheckUpEveryMonths, int aftercareMonths, int reEntryPhq9AtLeast) {

	public static final Thresholds DEFAULTS = new Thresholds(2, 30, 6, 4, 10, 25, 50, 14, 2, 7, 2, 7, 15, 12, 12, 30, 2,
			3, 83, 14, 4, 8, 9, 6, 19, 20, 30, 3, 2, 28, 28, 90, 28, 10, 10, 3, 14, 14, 20, 14, 14, 3, 7, 10, 14, 14,
			28, 90, 90, 0, 75, 50, 45, 90, 45, 356, 30, 40, 20, 10, 7, 1000, 2, 5, 7, 3, 3, 12, 15);

	public Thresholds {
		// aftercare needs at least one month between check-ups and of aftercare
		if (aftercareCheckUpEveryMonths < 1 || aftercareMonths < 1) {
			throw new IllegalArgumentException(
					"thresholds aftercareCheckUpEveryMonths and aftercareMonths must be at least 1");
		}
	}

	/**
	 * These thresholds with the given overrides (property name to integer text).
	 * @throws IllegalArgumentException for an unknown name or a value that is not a whole
	 * number
	 */
	public Thresholds withOverrides(Map<String, String> overrides) {
		if (overrides == null || overrides.isEmpty()) {
			return this;
		}
		RecordComponent[] components = Thresholds.class.getRecordComponents();
		for (String name : overrides.keySet()) {
			if (Arrays.stream(components).noneMatch((component) -> component.getName().equals(name))) {
				throw new IllegalArgumentException("unknown threshold: " + name);
			}
		}
		try {
			Object[] values = new Object[components.length];
			Class<?>[] types = new Class<?>[components.length];
			for (int i = 0; i < components.length; i++) {
				types[i] = int.class;
				String override = overrides.get(components[i].getName());
				values[i] = (override != null) ? parse(components[i].getName(), override)
						: components[i].getAccessor().invoke(this);
			}
			return Thresholds.class.getDeclaredConstructor(types).newInstance(values);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			if (ex.getCause() instanceof IllegalArgumentException outOfRange) {
				throw outOfRange;
			}
			throw new IllegalStateException(ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int parse(String name, String value) {
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed < 0) {
				throw new IllegalArgumentException("threshold " + name + " must not be negative");
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("threshold " + name + " must be a whole number");
		}
	}

	/** The weekly-hours band of a level of care (docs/clinical-rules.md section 1). */
	public HourBand band(String levelCode, boolean adolescent) {
		return switch (levelCode) {
			case "1.0" -> new HourBand(0, adolescent ? this.iopAdolescentMinHours - 1 : this.opAdultMaxHours);
			case "2.1" ->
				new HourBand(adolescent ? this.iopAdolescentMinHours : this.iopAdultMinHours, this.iopMaxHours);
			case "2.5" -> new HourBand(this.phpMinHours, this.phpMaxHours);
			default -> new HourBand(0, 0);
		};
	}

	/** Inclusive weekly-hours band. */
	public record HourBand(int minHours, int maxHours) {

		public boolean contains(double hours) {
			return hours >= this.minHours && hours <= this.maxHours;
		}

	}

}
