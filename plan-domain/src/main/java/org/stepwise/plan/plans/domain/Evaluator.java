package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationDecision;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.EarlyWarning;
import org.stepwise.plan.progress.domain.LapseFeatures;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.progress.domain.Thresholds;

/**
 * Re-evaluates one patient at an instant: the assessment (published only when it
 * changed), at most one automatic intensity change, and the level-of-care
 * recommendations. Recommendations, choices the clinical sources leave open
 * (docs/clinical-rules.md section 5):
 * <ul>
 * <li>one pending per kind, so at most one per direction;</li>
 * <li>a new STEP_UP withdraws a pending STEP_DOWN and the other way round ("superseded by
 * STEP_DOWN to 1.0"), and a pending level change whose starting level is no longer the
 * plan's is withdrawn too ("plan moved to 1.0"): the evidence moved on;</li>
 * <li>a pending one expires {@code recommendationExpiryDays} after it was made
 * ({@code stepwise.plan.recommendation-expiry}, 14 days);</li>
 * <li>withdrawn and expired ones are closed by {@code stepwise}, recorded with their
 * reason and published as {@link RecommendationDecided}, which resolves their alert;</li>
 * <li>after a decline or an expiry the same kind waits
 * {@code recommendationCooldownDays}, so it does not come back the next day (an
 * unanswered recommendation is not re-made at once); a withdrawn kind may come back as
 * soon as its evidence does.</li>
 * </ul>
 * After a discharge ({@link Aftercare}, section 8) the plan changes by itself no more: no
 * level change is recommended but a return to IOP on the re-entry signal (pending level
 * changes are withdrawn), and the evaluation that finds aftercare over closes the patient
 * first (no signals, nothing pending).
 */
public final class Evaluator {

	/** Source event ids kept on a {@link ProgressAssessed} (the newest ones). */
	static final int SOURCE_IDS_KEPT = 20;

	private Evaluator() {
	}

	/**
	 * @param lapseEstimate the early-warning score of this evaluation (what the published
	 * level follows; the published percent moves only when it changes materially); null
	 * when the program's focus has no early warning
	 * @param absenceSettlesAt when absence, held back because facts are still arriving,
	 * should be judged again (null: it was judged at {@code now})
	 */
	public record Result(PatientState state, List<StepwiseEvent> events, Assessment assessment,
			LapseRiskModel.@Nullable Estimate lapseEstimate, @Nullable Instant absenceSettlesAt) {

		public boolean changed(PatientState before) {
			return !this.events.isEmpty() || !this.state.equals(before);
		}

	}

	/** For a program without types ({@link ProgramFocus#DEFAULT}). */
	public static Result evaluate(PatientState state, Thresholds thresholds, LapseRiskModel model, ZoneId zone,
			Instant now, List<String> causes) {
		return evaluate(state, thresholds, ProgramFocus.DEFAULT, model, zone, now, causes);
	}

	/**
	 * For the program's focus: the signals it monitors, and the early warning only with
	 * an addiction focus (without it no lapse risk is published, and a warning published
	 * before, under another focus, is withdrawn with the next progress event).
	 */
	public static Result evaluate(PatientState state, Thresholds thresholds, ProgramFocus focus, LapseRiskModel model,
			ZoneId zone, Instant now, List<String> causes) {
		// new facts hold absence back until they have been quiet for a while: a fact
		// of the same burst (a redelivery, a replay, a session's event after its
		// attendance) must not show as missing first
		Instant arrivedAt = causes.isEmpty() ? state.factsArrivedAt() : now;
		Instant settlesAt = (arrivedAt != null) ? arrivedAt.plus(Duration.ofMinutes(thresholds.absenceSettleMinutes()))
				: null;
		boolean settled = settlesAt == null || !now.isBefore(settlesAt);
		Instant absenceAsOf = settled ? now : state.absenceAsOf();
		// aftercare ends on the clinical clock: the patient is closed, history kept
		List<StepwiseEvent> phaseEvents = new ArrayList<>();
		state = Aftercare.closedWhenOver(state, AftercareSchedule.of(thresholds), LocalDate.ofInstant(now, zone), now,
				phaseEvents);
		PlanVersion current = state.plan();
		boolean closed = current != null && current.closed();
		Assessment assessment = closed ? Aftercare.CLOSED_ASSESSMENT
				: Rules.evaluate(state.projection(), state.planContext(), thresholds, focus, zone, now, absenceAsOf);
		LapseRiskModel.Estimate estimate = null;
		EarlyWarning candidate = null;
		EarlyWarning published = null;
		if (focus.earlyWarning() && !closed) {
			estimate = model.estimate(LapseFeatures.of(state.projection(), state.planContext(), zone, now));
			published = (state.earlyWarning() != null) ? state.earlyWarning() : EarlyWarning.none(model);
			candidate = published.next(estimate, model, LocalDate.ofInstant(now, zone));
		}
		if (current != null && current.inAftercare()) {
			assessment = Aftercare.assessed(assessment, state.projection(),
					(candidate != null) ? candidate.level() : null, current.phaseStart(), thresholds, zone, now);
		}
		boolean high = assessment.riskLevel() == RiskLevel.HIGH;
		Instant highSince = high ? ((state.highRiskSince() != null) ? state.highRiskSince() : now) : null;
		boolean rulesChanged = assessment.riskLevel() != state.riskLevel()
				|| assessment.stepDownReady() != state.stepDownReady() || !assessment.signals().equals(state.signals());
		EarlyWarning warning = null;
		boolean changed;
		if (candidate != null) {
			changed = rulesChanged || candidate.differsMateriallyFrom(published);
			// a progress event carries today's estimate; without one, the level's calm
			// days still count
			warning = changed ? candidate : new EarlyWarning(published.risk(), candidate.calmSince());
		}
		else {
			changed = rulesChanged || state.earlyWarning() != null;
		}
		List<StepwiseEvent> events = new ArrayList<>(phaseEvents);
		PatientState next = state.assessed(assessment.riskLevel(), assessment.stepDownReady(), assessment.signals(),
				now, changed, highSince, warning, arrivedAt, absenceAsOf);
		Instant absenceSettlesAt = settled ? null : settlesAt;
		PlanVersion plan = next.plan();
		if (changed) {
			List<String> sources = causes.subList(Math.max(0, causes.size() - SOURCE_IDS_KEPT), causes.size());
			events.add(new ProgressAssessed(next.programId(), next.patientId(), next.revision(), assessment.riskLevel(),
					assessment.stepDownReady(), assessment.signals(), (plan != null) ? plan.careTeam() : List.of(),
					List.copyOf(sources), Rules.RULE_SET_VERSION, now, (warning != null) ? warning.risk() : null));
		}
		if (plan == null) {
			return new Result(next, events, assessment, estimate, absenceSettlesAt);
		}
		// no sessions after discharge: nothing to adjust
		Optional<Adjustments.Change> change = (plan.phase() != PlanPhase.IOP) ? Optional.empty()
				: Adjustments.decide(plan, assessment, thresholds, next.lastAutomaticChange(), now);
		if (change.isPresent()) {
			PlanVersion version = plan.next(plan.levelOfCare(), plan.levelSince(), change.get().weeklyHours(),
					change.get().sessionsPerWeek(), change.get().direction(), PlanVersion.SYSTEM,
					change.get().reasons(), Rules.RULE_SET_VERSION, now);
			next = next.withPlan(version, true, now);
			events.add(planChanged(next, version));
			plan = version;
		}
		List<Recommendation> recommendations = new ArrayList<>(next.recommendations());
		int number = next.nextRecommendationNumber();
		closeStale(recommendations, next, plan, thresholds, now, events);
		for (Wanted wanted : wanted(plan, assessment, highSince, thresholds, zone, now)) {
			if (open(recommendations, wanted.kind(), thresholds, now)) {
				continue;
			}
			Recommendation made = new Recommendation(next.patientId() + "-rec-" + number++, wanted.kind(),
					plan.levelOfCare(), wanted.to(), wanted.reasons(), Recommendation.Status.PENDING, now, null, null,
					null);
			RecommendationKind opposite = opposite(made.kind());
			if (opposite != null) {
				close(recommendations, (r) -> r.kind() == opposite, Recommendation.Status.WITHDRAWN,
						"superseded by " + made.kind() + " to " + made.toLevel().code(), next, now, events);
			}
			recommendations.add(made);
			events.add(new RecommendationMade(made.recommendationId(), next.planId(), next.programId(),
					next.patientId(), made.kind(), made.fromLevel(), made.toLevel(), made.reasons(), plan.careTeam(),
					Rules.RULE_SET_VERSION, now));
		}
		next = next.withRecommendations(recommendations, number - 1);
		return new Result(next, events, assessment, estimate, absenceSettlesAt);
	}

	private record Wanted(RecommendationKind kind, LevelOfCare to, List<Reason> reasons) {
	}

	private static List<Wanted> wanted(PlanVersion plan, Assessment assessment, Instant highSince,
			Thresholds thresholds, ZoneId zone, Instant now) {
		List<Wanted> wanted = new ArrayList<>();
		if (plan.closed()) {
			return wanted;
		}
		if (plan.inAftercare()) {
			// in aftercare the way back is a return to IOP; crisis evaluation as always
			assessment.signal(ReEntryRule.ID)
				.ifPresent((reEntry) -> wanted.add(new Wanted(RecommendationKind.RE_ENTRY,
						new LevelOfCare(Aftercare.IOP_LEVEL, plan.levelOfCare().edition()),
						List.of(new Reason(ReEntryRule.ID, reEntry.evidence(), reEntry.values())))));
			crisis(assessment, plan, wanted);
			return wanted;
		}
		if (assessment.stepDownReady()) {
			Levels.lower(plan.levelOfCare())
				.ifPresent((to) -> wanted
					.add(new Wanted(RecommendationKind.STEP_DOWN, to, List.of(new Reason("STEP_DOWN_READY",
							"all step-down criteria hold", Adjustments.readinessValues(assessment))))));
		}
		List<Reason> stepUp = new ArrayList<>(assessment.stepUpReasons());
		// clinical days, like every window (a DST change must not move it by an hour)
		if (highSince != null && java.time.temporal.ChronoUnit.DAYS.between(LocalDate.ofInstant(highSince, zone),
				LocalDate.ofInstant(now, zone)) >= thresholds.stepUpHighRiskDays() && atTop(plan, thresholds)) {
			stepUp.addAll(Adjustments.signalReasons(assessment,
					"relapse risk HIGH for " + thresholds.stepUpHighRiskDays() + " days at the top of the band"));
		}
		if (!stepUp.isEmpty()) {
			Levels.higher(plan.levelOfCare())
				.ifPresent((to) -> wanted.add(new Wanted(RecommendationKind.STEP_UP, to, List.copyOf(stepUp))));
		}
		crisis(assessment, plan, wanted);
		return wanted;
	}

	private static void crisis(Assessment assessment, PlanVersion plan, List<Wanted> wanted) {
		if (assessment.crisis()) {
			wanted.add(new Wanted(RecommendationKind.CRISIS_EVALUATION, plan.levelOfCare(),
					assessment.signal("S2")
						.map((s2) -> List.of(new Reason("S2", s2.evidence(), s2.values())))
						.orElse(List.of())));
		}
	}

	private static boolean atTop(PlanVersion plan, Thresholds thresholds) {
		Adjustments.Range range = Adjustments.range(plan, thresholds);
		return range == null
				|| plan.weeklyHours().add(BigDecimal.valueOf(thresholds.hourStep())).compareTo(range.max()) > 0;
	}

	private static boolean open(List<Recommendation> recommendations, RecommendationKind kind, Thresholds thresholds,
			Instant now) {
		return recommendations.stream()
			.filter((r) -> r.kind() == kind)
			.anyMatch((r) -> r.status() == Recommendation.Status.PENDING
					|| ((r.status() == Recommendation.Status.DECLINED || r.status() == Recommendation.Status.EXPIRED)
							&& r.decidedAt() != null && now.isBefore(
									r.decidedAt().plus(Duration.ofDays(thresholds.recommendationCooldownDays())))));
	}

	/**
	 * Pending recommendations that went stale without a newer one: expired, or a level
	 * change from a level the plan has left.
	 */
	private static void closeStale(List<Recommendation> recommendations, PatientState state, PlanVersion plan,
			Thresholds thresholds, Instant now, List<StepwiseEvent> events) {
		Duration expiry = Duration.ofDays(thresholds.recommendationExpiryDays());
		close(recommendations, (r) -> !now.isBefore(r.madeAt().plus(expiry)), Recommendation.Status.EXPIRED,
				"no decision within " + thresholds.recommendationExpiryDays() + " days", state, now, events);
		close(recommendations, (r) -> opposite(r.kind()) != null && !r.fromLevel().equals(plan.levelOfCare()),
				Recommendation.Status.WITHDRAWN, "plan moved to " + plan.levelOfCare().code(), state, now, events);
		// a level change in treatment does not outlive the discharge, nothing outlives
		// the closing, and a return is moot once back in treatment
		if (plan.inAftercare()) {
			close(recommendations, (r) -> opposite(r.kind()) != null, Recommendation.Status.WITHDRAWN,
					"discharged to aftercare", state, now, events);
		}
		if (plan.closed()) {
			close(recommendations, (r) -> true, Recommendation.Status.WITHDRAWN, "aftercare over, patient closed",
					state, now, events);
		}
		if (plan.phase() == PlanPhase.IOP) {
			close(recommendations, (r) -> r.kind() == RecommendationKind.RE_ENTRY, Recommendation.Status.WITHDRAWN,
					"back in treatment", state, now, events);
		}
	}

	/**
	 * Closes the pending recommendations that match, by {@code stepwise}, and says so.
	 */
	private static void close(List<Recommendation> recommendations, Predicate<Recommendation> which,
			Recommendation.Status status, String reason, PatientState state, Instant now, List<StepwiseEvent> events) {
		for (int i = 0; i < recommendations.size(); i++) {
			Recommendation r = recommendations.get(i);
			if (r.status() == Recommendation.Status.PENDING && which.test(r)) {
				recommendations.set(i, r.closed(status, reason, now));
				events.add(new RecommendationDecided(r.recommendationId(), state.planId(), state.programId(),
						state.patientId(), false, Recommendation.STEPWISE, now,
						(status == Recommendation.Status.EXPIRED) ? RecommendationDecision.EXPIRED
								: RecommendationDecision.WITHDRAWN,
						reason));
			}
		}
	}

	/** The level change in the other direction; none for a crisis evaluation. */
	private static @Nullable RecommendationKind opposite(RecommendationKind kind) {
		return switch (kind) {
			case STEP_UP -> RecommendationKind.STEP_DOWN;
			case STEP_DOWN -> RecommendationKind.STEP_UP;
			case CRISIS_EVALUATION, RE_ENTRY -> null;
		};
	}

	public static PlanChanged planChanged(PatientState state, PlanVersion v) {
		return new PlanChanged(state.planId(), state.programId(), state.patientId(), v.version(), v.levelOfCare(),
				v.adolescent(), v.weeklyHours(), v.sessionsPerWeek(), v.careTeam(), v.mode(), v.locked(), v.startDate(),
				v.direction(), v.changedBy(), v.reasons(), v.ruleSetVersion(), v.occurredAt(), v.phase(),
				v.phaseSince());
	}

}
