package org.stepwise.plan.progress.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

/**
 * The outcome of evaluating the rules at one instant.
 *
 * @param signals the signals that hold, ordered by id
 * @param readiness the step-down criteria with whether each holds (empty without a plan)
 * @param stepUpReasons the conditions of docs/clinical-rules.md section 4 that recommend
 * a step up now (the 14-day persistence of HIGH risk needs history and is judged by the
 * plan)
 * @param crisis an emergent safety event that recommends crisis evaluation
 */
public record Assessment(RiskLevel riskLevel, boolean stepDownReady, List<SignalFired> signals,
		Map<String, Boolean> readiness, List<Reason> stepUpReasons, boolean crisis) {

	public Optional<SignalFired> signal(String id) {
		return this.signals.stream().filter((signal) -> signal.id().equals(id)).findFirst();
	}

	public boolean has(String id) {
		return signal(id).isPresent();
	}

}
