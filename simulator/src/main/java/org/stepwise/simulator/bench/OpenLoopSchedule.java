package org.stepwise.simulator.bench;

import java.time.Duration;

/**
 * When each request of an open-loop load is due: request {@code i} at
 * {@code start + i / rate}, whatever happened to the earlier ones (the sender never waits
 * for answers), so a slow system cannot slow the load down, and latency is measured from
 * the intended time (no coordinated omission). Which requests are safety submissions:
 * spread evenly, request {@code i} is one when {@code floor((i + 1) * f)} exceeds
 * {@code floor(i * f)}, so any window of n requests holds {@code n * f} of them within
 * one. Pure.
 *
 * @param ratePerSecond requests per second
 * @param duration how long the load lasts
 * @param safetyFraction the share of requests that are safety submissions, 0 to 1
 */
record OpenLoopSchedule(double ratePerSecond, Duration duration, double safetyFraction) {

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
	}

	/** How many requests the load sends: every one due before the end. */
	long count() {
		return (long) Math.ceil(this.ratePerSecond * this.duration.toNanos() / 1e9 - 1e-9);
	}

	/** Nanoseconds after the start at which request {@code i} is due. */
	long offsetNanos(long i) {
		return Math.round(i * 1e9 / this.ratePerSecond);
	}

	boolean safety(long i) {
		return Math.floor((i + 1) * this.safetyFraction + 1e-9) > Math.floor(i * this.safetyFraction + 1e-9);
	}

	/** The number of safety submissions in the whole load. */
	long safetyCount() {
		long count = count();
		return (long) Math.floor(count * this.safetyFraction + 1e-9);
	}

}
