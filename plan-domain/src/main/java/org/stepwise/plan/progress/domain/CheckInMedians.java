package org.stepwise.plan.progress.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A patient's usual check-in answers: per item, the median of a set of check-ins, null
 * where fewer than 3 of them answered it (see {@link LapseFeatures}).
 */
public record CheckInMedians(@Nullable Double mood, @Nullable Double craving, @Nullable Double stress,
		@Nullable Double sleepHours, @Nullable Double confidence) {

	/** Nothing usual known: no baseline. */
	public static final CheckInMedians NONE = new CheckInMedians(null, null, null, null, null);

	/** The medians of {@code checkIns}. */
	public static CheckInMedians of(Collection<CheckInMark> checkIns) {
		return new CheckInMedians(median(checkIns, (c) -> (double) c.mood()),
				median(checkIns, (c) -> (double) c.craving()),
				median(checkIns, (c) -> (c.stress() != null) ? c.stress().doubleValue() : null),
				median(checkIns, CheckInMark::sleepHours),
				median(checkIns, (c) -> (c.confidence() != null) ? c.confidence().doubleValue() : null));
	}

	private static @Nullable Double median(Collection<CheckInMark> checkIns,
			Function<CheckInMark, @Nullable Double> value) {
		double[] values = checkIns.stream()
			.map(value)
			.filter((v) -> v != null)
			.mapToDouble(Double::doubleValue)
			.toArray();
		if (values.length < 3) {
			return null;
		}
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
