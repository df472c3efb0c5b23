package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** Weekly-hours bounds a clinician set on a plan; automatic changes stay inside them. */
public record Bounds(@Nullable BigDecimal minHours, @Nullable BigDecimal maxHours) {

	public static final Bounds NONE = new Bounds(null, null);

}
