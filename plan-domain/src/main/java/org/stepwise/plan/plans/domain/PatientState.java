package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.RecommendationKind;
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
 * @param recommendationsMade how many recommendations were ever made (numbers the next
 * one; the list holds only those the evaluation still needs, see {@link #split()})
 */
public record PatientState(String patientId, String programId, Projection projection, long revision,
		RiskLevel riskLevel, boolean stepDownReady, List<SignalFired> signals, @Nullable Instant assessedAt,
		List<PlanVersion> plans, List<Recommendation> recommendations, @Nullable Instant highRiskSince,
		@Nullable Instant lastAutomaticChange, @Nullable EarlyWarning earlyWarning, @Nullable Instant factsArrivedAt,
		@Nullable Instant absenceAsOf, int recommendationsMade) {

	/** Recommendations closed in a way that starts the cooldown of their kind. */
	private static final Set<Recommendation.Status> COOLING = Set.of(Recommendation.Status.DECLINED,
			Recommendation.Status.EXPIRED);

	public PatientState {
		projection = (projection == null) ? Projection.EMPTY : projection;
		riskLevel = (riskLevel == null) ? RiskLevel.LOW : riskLevel;
		signals = List.copyOf(signals == null ? List.of() : signals);
		plans = List.copyOf(plans == null ? List.of() : plans);
		recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
	}

	public static PatientState start(String patientId, String programId) {
		return new PatientState(patientId, programId, Projection.EMPTY, 0, RiskLevel.LOW, false, List.of(), null,
				List.of(), List.of(), null, null, null, null, null, 0);
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
				this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf,
				this.recommendationsMade);
	}

	public PatientState withPlan(PlanVersion version, boolean automatic, Instant at) {
		List<PlanVersion> versions = new ArrayList<>(this.plans);
		versions.add(version);
		return new PatientState(this.patientId, this.programId, this.projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, versions, this.recommendations, this.highRiskSince,
				automatic ? at : this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf,
				this.recommendationsMade);
	}

	public PatientState withRecommendations(List<Recommendation> recommendations) {
		return withRecommendations(recommendations, this.recommendationsMade);
	}

	public PatientState withRecommendations(List<Recommendation> recommendations, int made) {
		return new PatientState(this.patientId, this.programId, this.projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, this.plans, recommendations, this.highRiskSince,
				this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf, made);
	}

	/**
	 * The number of the next recommendation: states stored before the count was kept hold
	 * every recommendation ever made.
	 */
	public int nextRecommendationNumber() {
		return Math.max(this.recommendationsMade, this.recommendations.size()) + 1;
	}

	/** This state with its plan history and recommendations as given. */
	public PatientState withHistory(List<PlanVersion> plans, List<Recommendation> recommendations) {
		return new PatientState(this.patientId, this.programId, this.projection, this.revision, this.riskLevel,
				this.stepDownReady, this.signals, this.assessedAt, plans, recommendations, this.highRiskSince,
				this.lastAutomaticChange, this.earlyWarning, this.factsArrivedAt, this.absenceAsOf,
				Math.max(this.recommendationsMade, this.recommendations.size()));
	}

	/**
	 * What the evaluation and the clinician actions need of the plan's history, and the
	 * rest: the current plan version stays, earlier ones go; pending recommendations
	 * stay, and per kind the latest declined or expired one (its cooldown, see
	 * {@link Evaluator}); every other closed one goes.
	 */
	public Split split() {
		List<PlanVersion> pastPlans = (this.plans.size() > 1) ? this.plans.subList(0, this.plans.size() - 1)
				: List.of();
		Map<RecommendationKind, Recommendation> cooling = new EnumMap<>(RecommendationKind.class);
		for (Recommendation r : this.recommendations) {
			if (COOLING.contains(r.status()) && r.decidedAt() != null) {
				cooling.merge(r.kind(), r, (a, b) -> b.decidedAt().isAfter(a.decidedAt()) ? b : a);
			}
		}
		List<Recommendation> kept = new ArrayList<>();
		List<Recommendation> closed = new ArrayList<>();
		for (Recommendation r : this.recommendations) {
			boolean keep = r.status() == Recommendation.Status.PENDING || cooling.get(r.kind()) == r;
			(keep ? kept : closed).add(r);
		}
		if (pastPlans.isEmpty() && closed.isEmpty()) {
			return new Split(this, List.of(), List.of());
		}
		PatientState hot = withHistory((plan() != null) ? List.of(plan()) : List.of(), kept);
		return new Split(hot, List.copyOf(pastPlans), List.copyOf(closed));
	}

	/**
	 * A state split into what stays with the patient and what goes to the plan history.
	 *
	 * @param hot the state without them
	 * @param pastPlans superseded plan versions, oldest first
	 * @param closedRecommendations closed recommendations no rule reads any more
	 */
	public record Split(PatientState hot, List<PlanVersion> pastPlans, List<Recommendation> closedRecommendations) {

		public boolean isEmpty() {
			return this.pastPlans.isEmpty() && this.closedRecommendations.isEmpty();
		}

	}

	PatientState assessed(RiskLevel risk, boolean ready, List<SignalFired> signals, Instant at, boolean changed,
			@Nullable Instant highRiskSince, @Nullable EarlyWarning earlyWarning, @Nullable Instant factsArrivedAt,
			@Nullable Instant absenceAsOf) {
		return new PatientState(this.patientId, this.programId, this.projection,
				changed ? this.revision + 1 : this.revision, risk, ready, signals, changed ? at : this.assessedAt,
				this.plans, this.recommendations, highRiskSince, this.lastAutomaticChange, earlyWarning, factsArrivedAt,
				absenceAsOf, this.recommendationsMade);
	}

}
