package org.stepwise.plan.progress.domain;

import java.time.Instant;

/**
 * The early warning's fallback baseline once its days have left the raw facts (see
 * {@link Retention}): what {@link LapseFeatures} reads of the check-ins of the first
 * {@link LapseFeatures#EARLY_BASELINE_DAYS} days, computed from exactly those check-ins,
 * instead of the check-ins themselves.
 *
 * @param firstCheckInAt when the patient's first check-in was (it starts the early days,
 * and treatment when there is no plan)
 * @param usual the medians of the early days' check-ins ({@link CheckInMedians#NONE} when
 * there were fewer than 3)
 */
public record EarlyBaseline(Instant firstCheckInAt, CheckInMedians usual) {

	public EarlyBaseline {
		usual = (usual == null) ? CheckInMedians.NONE : usual;
	}

}
