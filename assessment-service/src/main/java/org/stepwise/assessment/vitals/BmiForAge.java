package org.stepwise.assessment.vitals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.stepwise.assessment.instrument.Submission.Sex;

/**
 * The median BMI for age and sex of the CDC 2000 growth charts (2 to 20 years), shipped
 * as {@value #RESOURCE} with its source named, and the percentage of it a BMI is (%
 * median BMI, docs/clinical-rules.md section 8). Pure once loaded.
 */
public final class BmiForAge {

	static final String RESOURCE = "/reference/cdc-2000-bmi-for-age-median.csv";

	/** The youngest age the table covers, in completed months. */
	public static final int FROM_MONTHS = 24;

	/** The oldest age the table covers, in completed months (20 years). */
	public static final int TO_MONTHS = 240;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** Per sex, the median by age in half months (Agemos x 2: 24.5 months is 49). */
	private final Map<Sex, Map<Integer, BigDecimal>> medians;

	private BmiForAge(Map<Sex, Map<Integer, BigDecimal>> medians) {
		this.medians = medians;
	}

	/** The CDC table from the class path. */
	public static BmiForAge cdc2000() {
		Map<Sex, Map<Integer, BigDecimal>> medians = new EnumMap<>(Sex.class);
		try (InputStream in = Objects.requireNonNull(BmiForAge.class.getResourceAsStream(RESOURCE), RESOURCE);
				BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#") || line.startsWith("Sex")) {
					continue;
				}
				String[] columns = line.split(",");
				Sex sex = switch (columns[0].trim()) {
					case "1" -> Sex.MALE;
					case "2" -> Sex.FEMALE;
					default -> throw new IllegalStateException("Unknown sex code in " + RESOURCE);
				};
				int halfMonths = new BigDecimal(columns[1].trim()).multiply(BigDecimal.TWO).intValueExact();
				medians.computeIfAbsent(sex, (s) -> new TreeMap<>()).put(halfMonths, new BigDecimal(columns[2].trim()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new BmiForAge(medians);
	}

	/**
	 * The median BMI at {@code ageMonths} completed months: the table's row for that
	 * month (Agemos {@code ageMonths + 0.5}); empty outside 24-240 months.
	 */
	public Optional<BigDecimal> median(Sex sex, int ageMonths) {
		if (ageMonths < FROM_MONTHS || ageMonths > TO_MONTHS) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.medians.getOrDefault(sex, Map.of()).get(2 * ageMonths + 1));
	}

	/** The median at an exact Agemos of the table (e.g. 24 or 24.5), for checks. */
	Optional<BigDecimal> atAgemos(Sex sex, BigDecimal agemos) {
		return Optional
			.ofNullable(this.medians.getOrDefault(sex, Map.of()).get(agemos.multiply(BigDecimal.TWO).intValueExact()));
	}

	/** How many rows the table has for {@code sex}. */
	int rows(Sex sex) {
		return this.medians.getOrDefault(sex, Map.of()).size();
	}

	/**
	 * {@code bmi} as a percentage of the median for age and sex, 1 decimal (half up);
	 * empty where the table has no median.
	 */
	public Optional<BigDecimal> percentOfMedian(BigDecimal bmi, Sex sex, int ageMonths) {
		return median(sex, ageMonths).map((m) -> bmi.multiply(HUNDRED).divide(m, 1, RoundingMode.HALF_UP));
	}

}
