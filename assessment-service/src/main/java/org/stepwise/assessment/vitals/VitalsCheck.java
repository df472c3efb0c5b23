package org.stepwise.assessment.vitals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * What a measurement may be (docs/api-and-events.md, vitals). A value outside what is
 * possible at all is rejected naming the field; a possible but implausible one (a heart
 * rate of 28, a temperature of 33.5 C) is accepted and flagged for a check, and the rules
 * read it like any other: in an eating disorder such values do occur. The possible ranges
 * are the bounds of the {@code VitalsRecorded} event. Pure.
 */
public final class VitalsCheck {

	/**
	 * A measurement's possible range and, inside it, what is plausible (all inclusive).
	 */
	record Bounds(String field, BigDecimal min, BigDecimal max, BigDecimal plausibleMin, BigDecimal plausibleMax) {

		static Bounds of(String field, String min, String max, String plausibleMin, String plausibleMax) {
			return new Bounds(field, new BigDecimal(min), new BigDecimal(max), new BigDecimal(plausibleMin),
					new BigDecimal(plausibleMax));
		}

		/** The same bounds for another field (an orthostatic reading). */
		Bounds named(String name) {
			return new Bounds(name, this.min, this.max, this.plausibleMin, this.plausibleMax);
		}

	}

	static final Bounds WEIGHT = Bounds.of("weightKg", "2", "400", "2", "400");

	static final Bounds HEIGHT = Bounds.of("heightCm", "40", "250", "80", "215");

	static final Bounds HEART_RATE = Bounds.of("heartRatePerMin", "20", "250", "30", "200");

	static final Bounds SYSTOLIC = Bounds.of("systolicMmHg", "40", "300", "60", "250");

	static final Bounds DIASTOLIC = Bounds.of("diastolicMmHg", "20", "200", "30", "150");

	static final Bounds TEMPERATURE = Bounds.of("temperatureC", "25", "45", "34", "42");

	/** Derived, so never rejected: flagged outside 10-70 kg/m2. */
	static final Bounds BMI = Bounds.of("bmi", "0", "1000", "10", "70");

	/** The oldest age a date of birth may give. */
	static final int MAX_AGE_YEARS = 125;

	/** The prefix of the orthostatic pair's fields in problems and flags. */
	private static final String ORTHOSTATIC = "orthostatic.";

	private VitalsCheck() {
	}

	/**
	 * A measurement that passed: the age in months on the day measured (null without a
	 * date of birth), the BMI of its weight and height (null without both, 1 decimal) and
	 * the fields flagged as implausible.
	 */
	public record Checked(@Nullable Integer ageMonths, @Nullable BigDecimal bmi, List<String> implausible) {

		public Checked {
			implausible = List.copyOf(implausible);
		}

	}

	/** The problems that reject the request; empty when it may be recorded. */
	public static List<FieldProblem> problems(RecordVitalsRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		Orthostatic o = request.orthostatic();
		boolean anyOrthostatic = o != null && (o.lyingHeartRatePerMin() != null || o.standingHeartRatePerMin() != null
				|| o.lyingSystolicMmHg() != null || o.standingSystolicMmHg() != null || o.lyingDiastolicMmHg() != null
				|| o.standingDiastolicMmHg() != null);
		if (request.weightKg() == null && request.heightCm() == null && request.heartRatePerMin() == null
				&& request.systolicMmHg() == null && request.diastolicMmHg() == null && request.temperatureC() == null
				&& !anyOrthostatic) {
			problems.add(new FieldProblem("weightKg", "at least one measurement is required"));
		}
		readings(request).forEach((reading) -> range(problems, reading));
		pressure(problems, "", request.systolicMmHg(), request.diastolicMmHg());
		if (request.heartRatePerMin() != null && request.timeOfDay() == null) {
			problems.add(new FieldProblem("timeOfDay", "is required with heartRatePerMin (DAY or NIGHT)"));
		}
		if (o != null) {
			readings(o).forEach((reading) -> range(problems, reading));
			pressure(problems, ORTHOSTATIC + "lying", o.lyingSystolicMmHg(), o.lyingDiastolicMmHg());
			pressure(problems, ORTHOSTATIC + "standing", o.standingSystolicMmHg(), o.standingDiastolicMmHg());
		}
		LocalDate dateOfBirth = request.dateOfBirth();
		if (dateOfBirth != null) {
			LocalDate measured = LocalDate.ofInstant(request.measuredAt(), ZoneOffset.UTC);
			if (dateOfBirth.isAfter(measured)) {
				problems.add(new FieldProblem("dateOfBirth", "must not be after measuredAt"));
			}
			else if (ChronoUnit.YEARS.between(dateOfBirth, measured) > MAX_AGE_YEARS) {
				problems
					.add(new FieldProblem("dateOfBirth", "must give an age of at most " + MAX_AGE_YEARS + " years"));
			}
		}
		return problems;
	}

	/** For a request without {@link #problems}: what is derived and flagged. */
	public static Checked check(RecordVitalsRequest request) {
		List<String> implausible = new ArrayList<>();
		readings(request).forEach((reading) -> plausible(implausible, reading));
		Orthostatic o = request.orthostatic();
		if (o != null) {
			readings(o).forEach((reading) -> plausible(implausible, reading));
		}
		BigDecimal bmi = bmi(request.weightKg(), request.heightCm());
		plausible(implausible, BMI, "", bmi);
		Integer ageMonths = (request.dateOfBirth() != null) ? (int) ChronoUnit.MONTHS.between(request.dateOfBirth(),
				LocalDate.ofInstant(request.measuredAt(), ZoneOffset.UTC)) : null;
		return new Checked(ageMonths, (bmi != null) ? bmi.setScale(1, RoundingMode.HALF_UP) : null, implausible);
	}

	/** Weight over height squared (kg/m2), unrounded; null without both. */
	static @Nullable BigDecimal bmi(@Nullable BigDecimal weightKg, @Nullable BigDecimal heightCm) {
		if (weightKg == null || heightCm == null) {
			return null;
		}
		BigDecimal metres = heightCm.movePointLeft(2);
		return weightKg.divide(metres.multiply(metres), 6, RoundingMode.HALF_UP);
	}

	/**
	 * A measured value with its bounds, under its field's prefix ({@value #ORTHOSTATIC}
	 * or none): what {@link #problems} checks against what is possible and {@link #check}
	 * against what is plausible, from one list.
	 */
	private record Reading(Bounds bounds, String prefix, @Nullable Number value) {
	}

	private static List<Reading> readings(RecordVitalsRequest request) {
		return List.of(new Reading(WEIGHT, "", request.weightKg()), new Reading(HEIGHT, "", request.heightCm()),
				new Reading(HEART_RATE, "", request.heartRatePerMin()),
				new Reading(SYSTOLIC, "", request.systolicMmHg()), new Reading(DIASTOLIC, "", request.diastolicMmHg()),
				new Reading(TEMPERATURE, "", request.temperatureC()));
	}

	private static List<Reading> readings(Orthostatic o) {
		return List.of(new Reading(HEART_RATE.named("lyingHeartRatePerMin"), ORTHOSTATIC, o.lyingHeartRatePerMin()),
				new Reading(HEART_RATE.named("standingHeartRatePerMin"), ORTHOSTATIC, o.standingHeartRatePerMin()),
				new Reading(SYSTOLIC.named("lyingSystolicMmHg"), ORTHOSTATIC, o.lyingSystolicMmHg()),
				new Reading(SYSTOLIC.named("standingSystolicMmHg"), ORTHOSTATIC, o.standingSystolicMmHg()),
				new Reading(DIASTOLIC.named("lyingDiastolicMmHg"), ORTHOSTATIC, o.lyingDiastolicMmHg()),
				new Reading(DIASTOLIC.named("standingDiastolicMmHg"), ORTHOSTATIC, o.standingDiastolicMmHg()));
	}

	private static void range(List<FieldProblem> problems, Reading reading) {
		range(problems, reading.bounds(), reading.prefix(), reading.value());
	}

	private static void plausible(List<String> implausible, Reading reading) {
		plausible(implausible, reading.bounds(), reading.prefix(), reading.value());
	}

	private static void range(List<FieldProblem> problems, Bounds bounds, String prefix, @Nullable Number value) {
		BigDecimal v = decimal(value);
		if (v != null && (v.compareTo(bounds.min()) < 0 || v.compareTo(bounds.max()) > 0)) {
			problems.add(new FieldProblem(prefix + bounds.field(), "must be between " + bounds.min().toPlainString()
					+ " and " + bounds.max().toPlainString() + " " + unit(bounds.field())));
		}
	}

	private static void plausible(List<String> implausible, Bounds bounds, String prefix, @Nullable Number value) {
		BigDecimal v = decimal(value);
		if (v != null && (v.compareTo(bounds.plausibleMin()) < 0 || v.compareTo(bounds.plausibleMax()) > 0)) {
			implausible.add(prefix + bounds.field());
		}
	}

	/** The diastolic pressure must be below the systolic one it was taken with. */
	private static void pressure(List<FieldProblem> problems, String prefix, @Nullable Integer systolic,
			@Nullable Integer diastolic) {
		if (systolic != null && diastolic != null && diastolic >= systolic) {
			String field = prefix.isEmpty() ? "diastolicMmHg" : prefix + "DiastolicMmHg";
			String systolicField = prefix.isEmpty() ? "systolicMmHg" : prefix + "SystolicMmHg";
			problems.add(new FieldProblem(field, "must be below " + systolicField));
		}
	}

	private static @Nullable BigDecimal decimal(@Nullable Number value) {
		return switch (value) {
			case null -> null;
			case BigDecimal d -> d;
			default -> BigDecimal.valueOf(value.longValue());
		};
	}

	private static String unit(String field) {
		if (field.endsWith("Kg")) {
			return "kg";
		}
		if (field.endsWith("Cm")) {
			return "cm";
		}
		if (field.endsWith("PerMin")) {
			return "per minute";
		}
		if (field.endsWith("MmHg")) {
			return "mmHg";
		}
		return field.endsWith("C") ? "C" : "";
	}

}
