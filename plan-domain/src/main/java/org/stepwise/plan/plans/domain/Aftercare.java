package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.progress.domain.Thresholds;

/**
 * What the evaluation does differently after discharge (docs/clinical-rules.md section
 * 8). In aftercare no sessions are scheduled, so the signals of attendance and engagement
 * in treatment (S9-S13) do not apply, and silence is an outreach prompt from the
 * {@link AftercareSchedule}, not a risk; safety, worsening, use and the early warning
 * keep running, and the re-entry signal (S17, {@link ReEntryRule}) recommends a return to
 * IOP. A closed patient is no longer monitored: no signals, no recommendations. Pure.
 */
public final class Aftercare {

	/** Where a return from aftercare goes: intensive outpatient (ASAM 2.1). */
	public static final String IOP_LEVEL = "2.1";

	/** The signals of treatment sessions and check-in silence, off in aftercare. */
	static final Set<String> NOT_IN_AFTERCARE = Set.of("S9", "S10", "S11", "S12", "S13");

	/** A closed patient's assessment: nothing holds. */
	static final Assessment CLOSED_ASSESSMENT = new Assessment(RiskLevel.LOW, false, List.of(), Map.of(), List.of(),
			false);

	private Aftercare() {
	}

	/**
	 * The rules' assessment in aftercare: without S9-S13, with S17 when re-entry holds,
	 * relapse risk over what is left, never step-down ready, no step up (the way back is
	 * the re-entry recommendation).
	 */
	static Assessment assessed(Assessment rules, Projection projection, @Nullable LapseRiskLevel earlyWarning,
			LocalDate since, Thresholds thresholds, ZoneId zone, Instant now) {
		List<SignalFired> signals = new ArrayList<>(
				rules.signals().stream().filter((s) -> !NOT_IN_AFTERCARE.contains(s.id())).toList());
		ReEntryRule
			.evaluate(projection, rules, earlyWarning, since, thresholds.useWindowDays(),
					thresholds.reEntryPhq9AtLeast(), zone, now)
			.ifPresent(signals::add);
		return new Assessment(Rules.risk(signals), false, List.copyOf(signals), Map.of(), List.of(), rules.crisis());
	}

	/**
	 * The state with a CLOSED plan version (by {@code system}, on the day aftercare
	 * ended) when the program's aftercare is over on {@code today}, its event added; else
	 * as it was.
	 */
	static PatientState closedWhenOver(PatientState state, AftercareSchedule schedule, LocalDate today, Instant now,
			List<StepwiseEvent> events) {
		PlanVersion plan = state.plan();
		if (plan == null || !plan.inAftercare() || !schedule.finished(plan.phaseStart(), today)) {
			return state;
		}
		LocalDate end = schedule.endsOn(plan.phaseStart());
		PlanVersion closed = plan.inPhase(PlanPhase.CLOSED, end, PlanVersion.SYSTEM,
				List.of(new Reason("AFTERCARE_COMPLETED", "aftercare completed " + end + ", closed",
						Map.of("aftercareSince", plan.phaseStart().toString()))),
				Rules.RULE_SET_VERSION, now);
		PatientState next = state.withPlan(closed, false, now);
		events.add(Evaluator.planChanged(next, closed));
		return next;
	}

}
