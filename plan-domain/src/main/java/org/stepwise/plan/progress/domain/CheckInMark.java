package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;

/** What the rules need of one daily check-in. */
public record CheckInMark(String checkInId, Instant occurredAt, int mood, int craving, boolean used) {

	private static final Comparator<CheckInMark> ORDER = Comparator.comparing(CheckInMark::occurredAt)
		.thenComparingInt(CheckInMark::craving)
		.thenComparingInt(CheckInMark::mood)
		.thenComparing(CheckInMark::used);

	/**
	 * Check-ins are immutable at the source; this only keeps a conflict deterministic.
	 */
	public static CheckInMark merge(CheckInMark a, CheckInMark b) {
		return (ORDER.compare(b, a) > 0) ? b : a;
	}

}
