package org.stepwise.assessment.vitals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.assessment.instrument.Submission.Sex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped CDC 2000 BMI-for-age medians against rows of the published table
 * (bmiagerev.csv), and % median BMI worked out by hand.
 */
class BmiForAgeTest {

	static final BmiForAge CDC = BmiForAge.cdc2000();

	/** Rows of bmiagerev.csv: Sex, Agemos, M as published. */
	@ParameterizedTest
	@CsvSource({ "MALE, 24, 16.57502768", "MALE, 24.5, 16.54777487", "MALE, 120.5, 16.64613844",
			"MALE, 180.5, 19.85766121", "MALE, 240, 23.02029424", "MALE, 240.5, 23.04137734", "FEMALE, 24, 16.42339664",
			"FEMALE, 60.5, 15.15188405", "FEMALE, 180.5, 19.9305662", "FEMALE, 193.5, 20.49383457",
			"FEMALE, 240.5, 21.72190973" })
	void theMediansAreThePublishedOnes(Sex sex, BigDecimal agemos, BigDecimal median) {
		assertThat(CDC.atAgemos(sex, agemos)).contains(median);
	}

	@Test
	void everyMonthFromTwoToTwentyYearsIsThereForBothSexes() {
		// 24 and 240 exactly, and the half months 24.5 to 240.5
		assertThat(CDC.rows(Sex.MALE)).isEqualTo(219);
		assertThat(CDC.rows(Sex.FEMALE)).isEqualTo(219);
		for (int months = BmiForAge.FROM_MONTHS; months <= BmiForAge.TO_MONTHS; months++) {
			assertThat(CDC.median(Sex.MALE, months)).as("male %d months", months).isPresent();
			assertThat(CDC.median(Sex.FEMALE, months)).as("female %d months", months).isPresent();
		}
	}

	@Test
	void anAgeInCompletedMonthsReadsItsMonthsRowAndOutsideTheTableThereIsNone() {
		assertThat(CDC.median(Sex.MALE, 24)).contains(new BigDecimal("16.54777487"));
		assertThat(CDC.median(Sex.FEMALE, 180)).contains(new BigDecimal("19.9305662"));
		assertThat(CDC.median(Sex.FEMALE, 23)).isEmpty();
		assertThat(CDC.median(Sex.FEMALE, 241)).isEmpty();
	}

	/**
	 * A 15-year-old girl (180 months, median 19.9305662): BMI 14.945313 is 74.99...% of
	 * it, shown as 75.0; 14.9375 is 74.9; 14.960938 is 75.1; 19.929688 is 100.0.
	 */
	@ParameterizedTest
	@CsvSource({ "14.945313, 75.0", "14.937500, 74.9", "14.960938, 75.1", "19.929688, 100.0" })
	void percentOfMedianToOneDecimal(BigDecimal bmi, BigDecimal percent) {
		assertThat(CDC.percentOfMedian(bmi, Sex.FEMALE, 180)).contains(percent);
	}

}
