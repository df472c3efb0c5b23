package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.Thresholds;
import org.stepwise.plan.progress.domain.Thresholds.HourBand;

/**
 * Automatic intensity changes inside a level of care (docs/clinical-rules.md section 5).
 * When to change is not in the clinical sources; Stepwise intensifies by one step while
 * relapse risk is HIGH and tapers by one step while the patient is step-down ready (the
 * taper toward the level's minimum that precedes a step down). A step is {@code hourStep}
 * hours and one session a week (a typical IOP day is 3 hours); a step that would cross
 * the band or the clinician's bounds is cut to the edge, keeping the sessions. Never when
 * the plan is locked or recommend-only, never within {@code autoChangeMinDays} of the
 * last automatic change, never to hours outside the band and the bounds.
 */
public final class Adjustments {

	private Adjustments() {
	}

	public record Change(BigDecimal weeklyHours, int sessionsPerWeek, ChangeDirection direction, List<Reason> reasons) {
	}

	public static Optional<Change> decide(PlanVersion plan, Assessment assessment, Thresholds thresholds,
			@Nullable Instant lastAutomaticChange, Instant now) {
		if (plan.locked() || plan.mode() == PlanMode.RECOMMEND_ONLY) {
			return Optional.empty();
		}
		if (lastAutomaticChange != null
				&& now.isBefore(lastAutomaticChange.plus(Duration.ofDays(thresholds.autoChangeMinDays())))) {
			return Optional.empty();
		}
		Range range = range(plan, thresholds);
		if (range == null) {
			return Optional.empty();
		}
		BigDecimal hours = plan.weeklyHours();
		BigDecimal step = BigDecimal.valueOf(thresholds.hourStep());
		if (step.signum() <= 0) {
			return Optional.empty();
		}
		if (assessment.riskLevel() == RiskLevel.HIGH) {
			BigDecimal target = hours.add(step).min(range.max());
			if (target.compareTo(hours) > 0 && range.contains(target)) {
				boolean full = target.compareTo(hours.add(step)) == 0;
				return Optional.of(new Change(target, plan.sessionsPerWeek() + (full ? 1 : 0), ChangeDirection.STEP_UP,
						signalReasons(assessment, "relapse risk HIGH")));
			}
		}
		else if (assessment.stepDownReady()) {
			BigDecimal target = hours.subtract(step).max(range.min());
			if (target.compareTo(hours) < 0 && range.contains(target)) {
				boolean full = target.compareTo(hours.subtract(step)) == 0;
				int sessions = Math.max(1, plan.sessionsPerWeek() - (full ? 1 : 0));
				return Optional
					.of(new Change(target, sessions, ChangeDirection.STEP_DOWN, List.of(new Reason("STEP_DOWN_READY",
							"step-down criteria met, tapering", readinessValues(assessment)))));
			}
		}
		return Optional.empty();
	}

	/**
	 * The hours automatic changes may use: the level's band intersected with the bounds.
	 */
	public record Range(BigDecimal min, BigDecimal max) {

		public boolean contains(BigDecimal hours) {
			return hours.compareTo(this.min) >= 0 && hours.compareTo(this.max) <= 0;
		}

	}

	public static @Nullable Range range(PlanVersion plan, Thresholds thresholds) {
		HourBand band = thresholds.band(plan.levelOfCare().code(), plan.adolescent());
		BigDecimal min = BigDecimal.valueOf(band.minHours());
		BigDecimal max = BigDecimal.valueOf(band.maxHours());
		if (plan.bounds().minHours() != null) {
			min = min.max(plan.bounds().minHours());
		}
		if (plan.bounds().maxHours() != null) {
			max = max.min(plan.bounds().maxHours());
		}
		return (min.compareTo(max) <= 0 && max.signum() > 0) ? new Range(min, max) : null;
	}

	static List<Reason> signalReasons(Assessment assessment, String summary) {
		List<Reason> reasons = new ArrayList<>();
		reasons.add(new Reason("RISK_HIGH", summary, Map.of("riskLevel", assessment.riskLevel().name())));
		for (SignalFired signal : assessment.signals()) {
			reasons.add(new Reason(signal.id(), signal.evidence(), signal.values()));
		}
		return reasons;
	}

	static Map<String, String> readinessValues(Assessment assessment) {
		Map<String, String> values = new java.util.TreeMap<>();
		assessment.readiness().forEach((name, holds) -> values.put(name, Boolean.toString(holds)));
		return values;
	}

}
