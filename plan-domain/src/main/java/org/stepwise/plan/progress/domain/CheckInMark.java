package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * What the rules and the early warning need of one daily check-in. Stress, sleep and the
 * early-warning items are null when unknown (skipped, or a check-in stored before they
 * were kept), never a made-up zero.
 *
 * @param sleepHours hours slept
 * @param confidence abstinence self-efficacy 0-10
 * @param highRiskSituation a high-risk situation is coming up
 */
public record CheckInMark(String checkInId, Instant occurredAt, int mood, int craving, boolean used,
		@Nullable Integer stress, @Nullable Double sleepHours, @Nullable Integer confidence,
		@Nullable Boolean highRiskSituation) {

	private static final Comparator<CheckInMark> ORDER = Comparator.comparing(CheckInMark::occurredAt)
		.thenComparingInt(CheckInMark::craving)
		.thenComparingInt(CheckInMark::mood)
		.thenComparing(CheckInMark::used)
		.thenComparing(CheckInMark::confidence, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(CheckInMark::stress, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(CheckInMark::sleepHours, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(CheckInMark::highRiskSituation, Comparator.nullsFirst(Comparator.naturalOrder()));

	/** A check-in with mood, craving and use only (tests of the rules). */
	public CheckInMark(String checkInId, Instant occurredAt, int mood, int craving, boolean used) {
		this(checkInId, occurredAt, mood, craving, used, null, null, null, null);
	}

	/**
	 * Check-ins are immutable at the source; this only keeps a conflict deterministic.
	 */
	public static CheckInMark merge(CheckInMark a, CheckInMark b) {
		return (ORDER.compare(b, a) > 0) ? b : a;
	}

}
