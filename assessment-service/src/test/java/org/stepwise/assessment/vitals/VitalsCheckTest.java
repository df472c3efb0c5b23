package org.stepwise.assessment.vitals;

import java.lang.reflect.AnnotatedType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.assessment.instrument.Submission.Sex;
import org.stepwise.contracts.Range;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Impossible values rejected naming the field, implausible ones accepted and flagged, and
 * what is derived (age in months, BMI).
 */
class VitalsCheckTest {

	static final Instant MEASURED = Instant.parse("2026-03-10T15:00:00Z");

	static RecordVitalsRequest request(TimeOfDay timeOfDay, BigDecimal weightKg, BigDecimal heightCm,
			Integer heartRatePerMin, Integer systolicMmHg, Integer diastolicMmHg, BigDecimal temperatureC,
			Orthostatic orthostatic, LocalDate dateOfBirth) {
		return new RecordVitalsRequest("patient-1", "program-a", MEASURED, timeOfDay, weightKg, heightCm,
				heartRatePerMin, systolicMmHg, diastolicMmHg, temperatureC, orthostatic, dateOfBirth, Sex.FEMALE);
	}

	static RecordVitalsRequest heartRate(int perMin) {
		return request(TimeOfDay.DAY, null, null, perMin, null, null, null, null, null);
	}

	@Test
	void aUsualMeasurementPassesWithNothingFlagged() {
		RecordVitalsRequest usual = request(TimeOfDay.DAY, new BigDecimal("52.4"), new BigDecimal("165"), 72, 112, 70,
				new BigDecimal("36.7"), new Orthostatic(70, 84, 112, 108, 70, 72), LocalDate.parse("2011-01-15"));

		assertThat(VitalsCheck.problems(usual)).isEmpty();
		VitalsCheck.Checked checked = VitalsCheck.check(usual);
		assertThat(checked.implausible()).isEmpty();
		// 52.4 / 1.65^2 = 19.247
		assertThat(checked.bmi()).isEqualByComparingTo("19.2");
		// 15 years, 1 month and 23 days: 181 completed months
		assertThat(checked.ageMonths()).isEqualTo(181);
	}

	@ParameterizedTest
	@CsvSource({ "19, heartRatePerMin", "251, heartRatePerMin" })
	void aHeartRateOutsideWhatIsPossibleIsRejectedNamingTheField(int perMin, String field) {
		assertThat(VitalsCheck.problems(heartRate(perMin))).extracting(FieldProblem::field).containsExactly(field);
		assertThat(VitalsCheck.problems(heartRate(perMin)).getFirst().message())
			.isEqualTo("must be between 20 and 250 per minute");
	}

	@ParameterizedTest
	@CsvSource({ "20, true", "29, true", "30, false", "200, false", "201, true", "250, true" })
	void aPossibleButImplausibleHeartRateIsAcceptedAndFlagged(int perMin, boolean flagged) {
		assertThat(VitalsCheck.problems(heartRate(perMin))).isEmpty();
		assertThat(VitalsCheck.check(heartRate(perMin)).implausible().contains("heartRatePerMin")).isEqualTo(flagged);
	}

	@Test
	void eachImpossibleValueIsNamedWithItsUnit() {
		RecordVitalsRequest impossible = request(TimeOfDay.NIGHT, new BigDecimal("401"), new BigDecimal("39.9"), null,
				301, 19, new BigDecimal("45.1"), new Orthostatic(19, null, null, 301, null, null), null);

		assertThat(VitalsCheck.problems(impossible)).containsExactly(
				new FieldProblem("weightKg", "must be between 2 and 400 kg"),
				new FieldProblem("heightCm", "must be between 40 and 250 cm"),
				new FieldProblem("systolicMmHg", "must be between 40 and 300 mmHg"),
				new FieldProblem("diastolicMmHg", "must be between 20 and 200 mmHg"),
				new FieldProblem("temperatureC", "must be between 25 and 45 C"),
				new FieldProblem("orthostatic.lyingHeartRatePerMin", "must be between 20 and 250 per minute"),
				new FieldProblem("orthostatic.standingSystolicMmHg", "must be between 40 and 300 mmHg"));
	}

	@Test
	void aDiastolicPressureAtOrAboveTheSystolicIsImpossible() {
		assertThat(VitalsCheck.problems(request(null, null, null, null, 90, 90, null, null, null)))
			.containsExactly(new FieldProblem("diastolicMmHg", "must be below systolicMmHg"));
		assertThat(VitalsCheck.problems(
				request(null, null, null, null, null, null, null, new Orthostatic(null, null, 100, 80, 60, 85), null)))
			.containsExactly(new FieldProblem("orthostatic.standingDiastolicMmHg",
					"must be below orthostatic.standingSystolicMmHg"));
	}

	@Test
	void aHeartRateNeedsTheTimeOfDayAndAMeasurementIsNeeded() {
		assertThat(VitalsCheck.problems(request(null, null, null, 60, null, null, null, null, null)))
			.containsExactly(new FieldProblem("timeOfDay", "is required with heartRatePerMin (DAY or NIGHT)"));
		assertThat(VitalsCheck.problems(request(TimeOfDay.DAY, null, null, null, null, null, null,
				new Orthostatic(null, null, null, null, null, null), null)))
			.containsExactly(new FieldProblem("weightKg", "at least one measurement is required"));
	}

	@Test
	void aDateOfBirthAfterTheMeasurementIsRejected() {
		assertThat(VitalsCheck.problems(
				request(null, new BigDecimal("40"), null, null, null, null, null, null, LocalDate.parse("2026-03-11"))))
			.containsExactly(new FieldProblem("dateOfBirth", "must not be after measuredAt"));
	}

	@Test
	void implausibleTemperatureAndBmiAreFlaggedNotRejected() {
		// 25 kg at 170 cm: BMI 8.7
		RecordVitalsRequest low = request(null, new BigDecimal("25"), new BigDecimal("170"), null, null, null,
				new BigDecimal("33.5"), null, null);

		assertThat(VitalsCheck.problems(low)).isEmpty();
		assertThat(VitalsCheck.check(low).implausible()).containsExactly("temperatureC", "bmi");
		assertThat(VitalsCheck.check(low).bmi()).isEqualByComparingTo("8.7");
	}

	/** What the API accepts is what the event's schema allows, field by field. */
	@Test
	void thePossibleRangesAreTheEventsBounds() {
		for (VitalsCheck.Bounds bounds : new VitalsCheck.Bounds[] { VitalsCheck.WEIGHT, VitalsCheck.HEIGHT,
				VitalsCheck.HEART_RATE, VitalsCheck.SYSTOLIC, VitalsCheck.DIASTOLIC, VitalsCheck.TEMPERATURE }) {
			Range range = range(VitalsRecorded.class, bounds.field());
			assertThat(bounds.min()).as(bounds.field()).isEqualByComparingTo(BigDecimal.valueOf(range.min()));
			assertThat(bounds.max()).as(bounds.field()).isEqualByComparingTo(BigDecimal.valueOf(range.max()));
		}
		Range lying = range(Orthostatic.class, "lyingHeartRatePerMin");
		assertThat(VitalsCheck.HEART_RATE.min()).isEqualByComparingTo(BigDecimal.valueOf(lying.min()));
		assertThat(VitalsCheck.HEART_RATE.max()).isEqualByComparingTo(BigDecimal.valueOf(lying.max()));
	}

	private static Range range(Class<?> record, String component) {
		AnnotatedType type = Arrays.stream(record.getRecordComponents())
			.filter((c) -> c.getName().equals(component))
			.findFirst()
			.orElseThrow()
			.getAnnotatedType();
		return type.getAnnotation(Range.class);
	}

}
