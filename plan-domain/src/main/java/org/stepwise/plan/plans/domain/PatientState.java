package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.EarlyWarning;
import org.stepwise.plan.progress.domain.PlanContext;
import org.stepwise.plan.progress.domain.Projection;

/**
 * Everything Stepwise knows of one patient: the progress facts, the last published
 * assessment, the plan's versions (append-only, newest last) and the recommendations.
 *
 * @param highRiskSince when relapse risk last became HIGH (null while it is not)
 * @param lastAutomaticChange when plan-service last changed the plan by itself
 * @param earlyWarning the lapse-risk level with its hysteresis and the estimate last
 * published (null until the first evaluation)
 * @param factsArrivedAt the clinical now of the last evaluation that brought new facts
 * @param absenceAsOf the instant the last evaluation judged absence at (held back while
 * facts are still arriving; null until the first evaluation)
 */
public record PatientState(String patientId, String programId, Projection projection, long revision,
		RiskLevel riskLevel, boolean stepDownReady, List<SignalFired> signals, @Nullable Instant assessedAt,
		List<PlanVersion> plans, List<Recommendation> recommendations, @Nullable Instant highRiskSince,
		@Nullable Instant lastAutomaticChange, @Nullable EarlyWarning earlyWarning, @Nullable Instant factsArrivedAt,
		@Nullable Instant absenceAsOf) {

	public PatientState {
		projection = (projection == null) ? Projection.EMPTY : projection;
		riskLevel = (riskLevel == null) ? RiskLevel.LOW : riskLevel;
		signals = List.copyOf(signals == null ? List.of() : signals);
		plans = List.copyOf(plans == null ? List.of() : plans);
		recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
	}

	public static PatientState start(String patientId, String programId) {
		return new PatientState(patientId, programId, Projection.EMPTY, 0, RiskLevel.LOW, false, List.of(), null,
				List.of(), List.of(), null, null, null, null, null);
	}

	public @Nullable PlanVersion plan() {
		return this.plans.isEmpty() ? null : this.plans.getLast();
	}

	public String planId() {
		return "plan-" + this.patientId;
	}

	public @Nullable PlanContext planContext() {
		PlanVersion plan = plan();
		return (plan == null) ? null
				: new PlanContext(plan.levelOfCare().code(), plan.adolescent(), plan.startDate(), plan.levelSince());
	}

	public PatientState withProjection(Projection projection) {
		return new PatientState(this.patientId, this.programId, projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, this.plans, this.recommendations, this.highRiskSince,
				this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf);
	}

	public PatientState withPlan(PlanVersion version, boolean automatic, Instant at) {
		List<PlanVersion> versions = new java.util.ArrayList<>(this.plans);
		versions.add(version);
		return new PatientState(this.patientId, this.programId, this.projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, versions, this.recommendations, this.highRiskSince,
				automatic ? at : this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf);
	}

	public PatientState withRecommendations(List<Recommendation> recommendations) {
		return new PatientState(this.patientId, this.programId, this.projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, this.plans, recommendations, this.highRiskSince,
				this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf);
	}

	PatientState assessed(RiskLevel risk, boolean ready, List<SignalFired> signals, Instant at, boolean changed,
			@Nullable Instant highRiskSince, EarlyWarning earlyWarning, @Nullable Instant factsArrivedAt,
			@Nullable Instant absenceAsOf) {
		return new PatientState(this.patientId, this.programId, this.projection,
				changed ? this.revision + 1 : this.revision, risk, ready, signals, changed ? at : this.assessedAt,
				this.plans, this.recommendations, highRiskSince, this.lastAutomaticChange, earlyWarning, factsArrivedAt,
				absenceAsOf);
	}

}
