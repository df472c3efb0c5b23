package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.progress.domain.Thresholds;

/**
 * Clinician actions on a plan. Each appends a version (or decides a recommendation) and
 * says which events to publish. Clinicians may set any intensity: the band and the 7-day
 * guardrail bind plan-service's automatic changes only.
 */
public final class PlanActions {

	/** Outpatient (ASAM 1.0), the level a discharge follows. */
	static final String OP = "1.0";

	private PlanActions() {
	}

	public record Outcome(PatientState state, List<StepwiseEvent> events) {
	}

	/** Thrown for an action that does not fit the plan's state (a 409). */
	public static final class Conflict extends RuntimeException {

		public Conflict(String message) {
			super(message);
		}

	}

	public static Outcome enrol(PatientState state, LevelOfCare level, boolean adolescent, BigDecimal hours,
			int sessions, List<String> modalities, List<String> careTeam, PlanMode mode, LocalDate startDate, String by,
			Instant now) {
		if (state.plan() != null) {
			throw new Conflict("patient already enrolled");
		}
		PlanVersion first = new PlanVersion(1, level, adolescent, hours, sessions, modalities, careTeam, mode, false,
				Bounds.NONE, startDate, startDate, ChangeDirection.ENROLLED, by,
				List.of(new Reason("ENROLLED", "enrolled by " + by, Map.of())), Rules.RULE_SET_VERSION, now);
		return appended(state, first);
	}

	public static Outcome change(PatientState state, LevelOfCare level, BigDecimal hours, int sessions, String by,
			String why, LocalDate today, Instant now) {
		PlanVersion plan = required(state);
		ChangeDirection direction = direction(plan, level, hours);
		LocalDate levelSince = level.equals(plan.levelOfCare()) ? plan.levelSince() : today;
		PlanVersion next = plan.next(level, levelSince, hours, sessions, direction, by,
				List.of(new Reason("CLINICIAN_CHANGE", why, Map.of())), Rules.RULE_SET_VERSION, now);
		return appended(state, next);
	}

	public static Outcome settings(PatientState state, Boolean locked, Bounds bounds, List<String> careTeam,
			PlanMode mode, String by, String why, Instant now) {
		PlanVersion plan = required(state);
		PlanVersion next = plan.settings((locked != null) ? locked : plan.locked(),
				(bounds != null) ? bounds : plan.bounds(), (careTeam != null) ? careTeam : plan.careTeam(),
				(mode != null) ? mode : plan.mode(), plan.modalities(), by,
				List.of(new Reason("CLINICIAN_SETTINGS", why, Map.of())), Rules.RULE_SET_VERSION, now);
		return appended(state, next);
	}

	/**
	 * Discharge to aftercare from {@code today} (docs/clinical-rules.md section 8): after
	 * the step-down to OP (1.0), or earlier as a planned discharge. Level and hours stay
	 * as they were (the level a return starts from); the evaluation then applies the
	 * aftercare rules and withdraws pending level changes.
	 */
	public static Outcome discharge(PatientState state, boolean planned, String by, String why, LocalDate today,
			Instant now) {
		return discharge(state, planned, today, by, why, today, now);
	}

	/**
	 * A discharge recorded after the fact: aftercare started on {@code dischargedOn}, a
	 * day of the current level up to today.
	 */
	public static Outcome discharge(PatientState state, boolean planned, LocalDate dischargedOn, String by, String why,
			LocalDate today, Instant now) {
		PlanVersion plan = required(state);
		if (plan.phase() != PlanPhase.IOP) {
			throw new Conflict("patient already discharged");
		}
		if (!planned && !plan.levelOfCare().code().equals(OP)) {
			throw new Conflict("discharge follows the step-down to OP (1.0), or is a planned discharge");
		}
		if (dischargedOn.isAfter(today) || dischargedOn.isBefore(plan.levelSince())) {
			throw new Conflict("the discharge day must be from the start of the current level to today");
		}
		PlanVersion next = plan.inPhase(PlanPhase.AFTERCARE, dischargedOn, by,
				List.of(new Reason("DISCHARGED", why,
						Map.of("planned", Boolean.toString(planned), "fromLevel", plan.levelOfCare().code()))),
				Rules.RULE_SET_VERSION, now);
		return appended(state, next);
	}

	/** A new version with the content of an earlier one. */
	public static Outcome revert(PatientState state, int toVersion, String by, Instant now) {
		PlanVersion plan = required(state);
		PlanVersion target = state.plans()
			.stream()
			.filter((v) -> v.version() == toVersion)
			.findFirst()
			.orElseThrow(() -> new Conflict("no such plan version"));
		if (toVersion == plan.version()) {
			throw new Conflict("that is the current version");
		}
		PlanVersion next = new PlanVersion(plan.version() + 1, target.levelOfCare(), target.adolescent(),
				target.weeklyHours(), target.sessionsPerWeek(), target.modalities(), target.careTeam(), target.mode(),
				target.locked(), target.bounds(), target.startDate(), target.levelSince(), ChangeDirection.REVERTED, by,
				List.of(new Reason("REVERT", "reverted to version " + toVersion,
						Map.of("toVersion", Integer.toString(toVersion)))),
				Rules.RULE_SET_VERSION, now, target.phase(), target.phaseSince());
		return appended(state, next);
	}

	public static Outcome decide(PatientState state, String recommendationId, boolean approve, String by,
			Thresholds thresholds, LocalDate today, Instant now) {
		PlanVersion plan = required(state);
		List<Recommendation> recommendations = new ArrayList<>(state.recommendations());
		int index = -1;
		for (int i = 0; i < recommendations.size(); i++) {
			if (recommendations.get(i).recommendationId().equals(recommendationId)) {
				index = i;
			}
		}
		if (index < 0) {
			throw new Conflict("no such recommendation");
		}
		Recommendation recommendation = recommendations.get(index);
		switch (recommendation.status()) {
			case PENDING -> {
			}
			case WITHDRAWN -> throw new Conflict("recommendation withdrawn");
			case EXPIRED -> throw new Conflict("recommendation expired");
			case APPROVED, DECLINED -> throw new Conflict("recommendation already decided");
		}
		recommendations.set(index, recommendation.decided(approve, by, now));
		PatientState next = state.withRecommendations(recommendations);
		List<StepwiseEvent> events = new ArrayList<>();
		events.add(new RecommendationDecided(recommendationId, state.planId(), state.programId(), state.patientId(),
				approve, by, now));
		if (approve && recommendation.kind() != RecommendationKind.CRISIS_EVALUATION
				&& plan.levelOfCare().equals(recommendation.fromLevel())) {
			// A new level starts inside its band: the nearest edge to the current hours,
			// one 3-hour day per session.
			LevelOfCare to = recommendation.toLevel();
			Thresholds.HourBand band = thresholds.band(to.code(), plan.adolescent());
			BigDecimal hours = plan.weeklyHours()
				.max(BigDecimal.valueOf(band.minHours()))
				.min(BigDecimal.valueOf(band.maxHours()));
			int sessions = Math.max(1,
					hours.divide(BigDecimal.valueOf(3), 0, java.math.RoundingMode.CEILING).intValue());
			List<Reason> reasons = new ArrayList<>();
			reasons.add(new Reason("RECOMMENDATION_APPROVED", "approved " + recommendationId,
					Map.of("recommendationId", recommendationId)));
			reasons.addAll(recommendation.reasons());
			PlanVersion version = (recommendation.kind() == RecommendationKind.RE_ENTRY)
					? plan.returned(to, hours, sessions, today, by, reasons, Rules.RULE_SET_VERSION, now)
					: plan.next(
							to, today, hours, sessions, recommendation.kind() == RecommendationKind.STEP_UP
									? ChangeDirection.STEP_UP : ChangeDirection.STEP_DOWN,
							by, reasons, Rules.RULE_SET_VERSION, now);
			next = next.withPlan(version, false, now);
			events.add(Evaluator.planChanged(next, version));
		}
		return new Outcome(next, events);
	}

	private static ChangeDirection direction(PlanVersion plan, LevelOfCare level, BigDecimal hours) {
		int levelOrder = level.code().compareTo(plan.levelOfCare().code());
		int hoursOrder = hours.compareTo(plan.weeklyHours());
		int order = (levelOrder != 0) ? levelOrder : hoursOrder;
		return (order > 0) ? ChangeDirection.STEP_UP
				: (order < 0) ? ChangeDirection.STEP_DOWN : ChangeDirection.UNCHANGED_INTENSITY;
	}

	private static PlanVersion required(PatientState state) {
		PlanVersion plan = state.plan();
		if (plan == null) {
			throw new Conflict("patient not enrolled");
		}
		return plan;
	}

	private static Outcome appended(PatientState state, PlanVersion version) {
		PatientState next = state.withPlan(version, false, version.occurredAt());
		return new Outcome(next, List.of(Evaluator.planChanged(next, version)));
	}

}
