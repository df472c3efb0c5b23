package org.stepwise.simulator.bench;

import java.time.Duration;

/**
 * When each request of an open-loop load is due: request {@code i} at
 * {@code start + i / rate}, whatever happened to the earlier ones (the sender never waits
 * for answers), so a slow system cannot slow the load down, and latency is measured from
 * the intended time (no coordinated omission). Which requests are measured submissions:
 * spread evenly with {@code f = safety + relapse}, request {@code i} is one when
 * {@code floor((i + 1) * f)} exceeds {@code floor(i * f)}, so any window of n requests
 * holds {@code n * f} of them within one; the k-th of those is a relapse submission by
 * the same rule over k with {@code relapse / f}, a safety submission otherwise. So the
 * two kinds interleave and never share an index, and with no relapse share the safety
 * ones are where they always were. Pure.
 *
 * @param ratePerSecond requests per second
 * @param duration how long the load lasts
 * @param safetyFraction the share of requests that are safety submissions, 0 to 1
 * @param relapseFraction the share of requests that are relapse submissions, 0 to 1 (with
 * the safety share at most 1)
 */
record OpenLoopSchedule(double ratePerSecond, Duration duration, double safetyFraction, double relapseFraction) {

	/** What request {@code i} is. */
	enum Kind {

		/** An ordinary check-in or assessment, not matched to an alert. */
		ORDINARY,

		/** A safety-flagged PHQ-9, measured to its SAFETY alert. */
		SAFETY,

		/**
		 * A check-in with use by a primed patient, measured to its RELAPSE_RISK alert.
		 */
		RELAPSE

	}

	private static final double EPSILON = 1e-9;

	OpenLoopSchedule {
		if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
			throw new IllegalArgumentException("rate must be positive");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("duration must be positive");
		}
		if (!(safetyFraction >= 0 && safetyFraction <= 1)) {
			throw new IllegalArgumentException("safety fraction must be between 0 and 1");
		}
		if (!(relapseFraction >= 0 && relapseFraction <= 1)) {
			throw new IllegalArgumentException("relapse fraction must be between 0 and 1");
		}
		if (safetyFraction + relapseFraction > 1 + EPSILON) {
			throw new IllegalArgumentException("safety and relapse fractions must add up to at most 1");
		}
	}

	/** A load without relapse submissions. */
	OpenLoopSchedule(double ratePerSecond, Duration duration, double safetyFraction) {
		this(ratePerSecond, duration, safetyFraction, 0);
	}

	/** How many requests the load sends: every one due before the end. */
	long count() {
		return (long) Math.ceil(this.ratePerSecond * this.duration.toNanos() / 1e9 - 1e-9);
	}

	/** Nanoseconds after the start at which request {@code i} is due. */
	long offsetNanos(long i) {
		return Math.round(i * 1e9 / this.ratePerSecond);
	}

	Kind kind(long i) {
		double measured = measuredFraction();
		if (!steps(i, measured)) {
			return Kind.ORDINARY;
		}
		long k = (long) Math.floor(i * measured + EPSILON);
		return steps(k, relapseShare()) ? Kind.RELAPSE : Kind.SAFETY;
	}

	boolean safety(long i) {
		return kind(i) == Kind.SAFETY;
	}

	boolean relapse(long i) {
		return kind(i) == Kind.RELAPSE;
	}

	/** The number of safety submissions in the whole load. */
	long safetyCount() {
		return measuredCount() - relapseCount();
	}

	/** The number of relapse submissions in the whole load. */
	long relapseCount() {
		return (long) Math.floor(measuredCount() * relapseShare() + EPSILON);
	}

	private long measuredCount() {
		return (long) Math.floor(count() * measuredFraction() + EPSILON);
	}

	private double measuredFraction() {
		return Math.min(1, this.safetyFraction + this.relapseFraction);
	}

	/** Of the measured submissions, the share that are relapse ones. */
	private double relapseShare() {
		double measured = this.safetyFraction + this.relapseFraction;
		return (measured == 0) ? 0 : this.relapseFraction / measured;
	}

	/** Whether the evenly spread count at share {@code f} steps up at {@code n}. */
	private static boolean steps(long n, double f) {
		return Math.floor((n + 1) * f + EPSILON) > Math.floor(n * f + EPSILON);
	}

}
