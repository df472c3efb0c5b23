package org.stepwise.simulator.earlywarning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.plans.domain.Evaluator;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.progress.domain.LapseFeatures;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Thresholds;
import org.stepwise.simulator.bench.CohortEvents;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.ScheduledSession;
import org.stepwise.simulator.drive.PlanEnrolmentBody;

/**
 * One simulated patient through plan-service's own domain code, as plan-service on event
 * time sees them: enrolled as the driver enrols them, then day by day the clinical-clock
 * look just after local midnight and the day's facts one by one as they arrive, each
 * folded and evaluated at its clinical time ({@code Evaluations.evaluateByDay} of a poll
 * with that one fact). The parity check feeds a running stack the same way
 * ({@link StackFeed}). Pure: no Spring, no broker, no store.
 */
public final class OfflineReplay {

	/** The clinical clock looks at a patient this long after local midnight. */
	static final long MIDNIGHT_LOOK_SECONDS = 60;

	private OfflineReplay() {
	}

	/**
	 * The patient's state at the end of one clinical day.
	 *
	 * @param features the early-warning features at the last evaluation of the day
	 * @param probability the model's score then
	 * @param alertLevel the level of the relapse-risk alert alert-service holds for the
	 * patient then ({@link LapseRisk#alertLevel})
	 * @param rulesRisk the relapse risk of docs/clinical-rules.md section 3 alone (the
	 * baseline: what alerted before the early warning)
	 * @param alertChanges every change of the alert level during the day, in order (an
	 * alert may clear at the midnight look and open again with a later fact)
	 */
	public record Day(LocalDate day, LapseFeatures features, double probability, LapseRiskLevel alertLevel,
			RiskLevel rulesRisk, List<AlertChange> alertChanges) {
	}

	/**
	 * The relapse-risk alert level became {@code level} at the evaluation at {@code at}.
	 */
	public record AlertChange(Instant at, LapseRiskLevel level) {
	}

	/** Replays {@code days} clinical days from the patient's enrolment. */
	public static List<Day> replay(CohortSpec spec, PatientHistory patient, Map<String, ScheduledSession> sessions,
			LapseRiskModel model, int days) {
		ZoneId zone = spec.zone();
		LocalDate start = spec.day(patient.profile().enrolDay());
		Map<LocalDate, List<StepwiseEvent>> byDay = new TreeMap<>();
		for (EventEnvelope<StepwiseEvent> event : CohortEvents.of(spec, patient, sessions)) {
			Instant at = clinicalTime(event.data());
			byDay.computeIfAbsent(LocalDate.ofInstant(at, zone), (d) -> new ArrayList<>()).add(event.data());
		}
		PatientState state = enrolled(spec, patient, start.atStartOfDay(zone).toInstant());
		Thresholds thresholds = Thresholds.DEFAULTS;
		List<Day> result = new ArrayList<>(days);
		LapseRiskLevel level = LapseRiskLevel.LOW;
		for (int i = 0; i < days; i++) {
			LocalDate day = start.plusDays(i);
			List<AlertChange> changes = new ArrayList<>();
			Instant look = day.atStartOfDay(zone).toInstant().plusSeconds(MIDNIGHT_LOOK_SECONDS);
			Evaluator.Result last = Evaluator.evaluate(state, thresholds, model, zone, look, List.of());
			state = last.state();
			level = changed(state, look, level, changes);
			Instant at = look;
			// One fact at a time, in the order they arrive, each evaluated at its own
			// clinical time (never before a fact already seen), as plan-service evaluates
			// facts that trickle in live: folding the day at once would skip evaluations
			// that may raise a level on part of the day's facts, which hysteresis holds.
			for (StepwiseEvent fact : byDay.getOrDefault(day, List.of())) {
				Instant seen = state.projection().latestFactAt();
				Instant when = clinicalTime(fact);
				at = (seen != null && seen.isAfter(when)) ? seen : when;
				state = state.withProjection(state.projection().fold(List.of(fact)));
				last = Evaluator.evaluate(state, thresholds, model, zone, at, List.of());
				state = last.state();
				level = changed(state, at, level, changes);
			}
			result.add(new Day(day, LapseFeatures.of(state.projection(), state.planContext(), zone, at),
					last.lapseEstimate().probability(), level, state.riskLevel(), List.copyOf(changes)));
		}
		return result;
	}

	/** The alert level after an evaluation, noted in {@code changes} when it changed. */
	private static LapseRiskLevel changed(PatientState state, Instant at, LapseRiskLevel before,
			List<AlertChange> changes) {
		LapseRiskLevel level = LapseRisk.alertLevel(state.riskLevel(),
				(state.earlyWarning() != null) ? state.earlyWarning().risk() : null);
		if (level != before) {
			changes.add(new AlertChange(at, level));
		}
		return level;
	}

	/** Enrolled as {@link PlanEnrolmentBody} enrols the patient through the API. */
	static PatientState enrolled(CohortSpec spec, PatientHistory patient, Instant at) {
		Map<String, Object> body = PlanEnrolmentBody.of(spec, patient.profile());
		@SuppressWarnings("unchecked")
		Map<String, Object> level = (Map<String, Object>) body.get("levelOfCare");
		@SuppressWarnings("unchecked")
		List<String> modalities = (List<String>) body.get("modalities");
		@SuppressWarnings("unchecked")
		List<String> careTeam = (List<String>) body.get("careTeam");
		PatientState state = PatientState.start(patient.patientId(), spec.programId());
		return PlanActions.enrol(state, new LevelOfCare((String) level.get("code"), (Integer) level.get("edition")),
				(Boolean) body.get("adolescent"), BigDecimal.valueOf(((Number) body.get("weeklyHours")).doubleValue()),
				(Integer) body.get("sessionsPerWeek"), modalities, careTeam,
				PlanMode.valueOf((String) body.get("mode")), LocalDate.parse((String) body.get("startDate")),
				"program-admin", at)
			.state();
	}

	private static Instant clinicalTime(StepwiseEvent event) {
		return java.util.Objects.requireNonNull(Projection.clinicalTime(event),
				() -> "not a fact the cohort produces: " + event.getClass());
	}

}
