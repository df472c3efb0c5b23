package org.stepwise.plan.plans;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.PatientFileRepository;
import org.stepwise.plan.progress.PatientStore;
import org.stepwise.plan.progress.PlanMetrics;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * Clinician actions: read the patient's document, apply the action, re-evaluate, and
 * write the document with the action's events in its outbox (one atomic write, retried on
 * a conflict).
 */
@Service
class PlanService {

	private final PatientFileRepository repository;

	private final PatientStore store;

	private final Evaluations evaluations;

	private final PlanMetrics metrics;

	PlanService(PatientFileRepository repository, PatientStore store, Evaluations evaluations, PlanMetrics metrics) {
		this.repository = repository;
		this.store = store;
		this.evaluations = evaluations;
		this.metrics = metrics;
	}

	PatientFile enrol(PlanRequests.Enrol request, String by) {
		this.evaluations.planStarts(request.programId(), request.startDate());
		return act(request.patientId(), true, (state) -> PlanActions.enrol(
				state.plan() == null && state.plans().isEmpty() ? withProgram(state, request.programId()) : state,
				new org.stepwise.contracts.plan.LevelOfCare(request.levelOfCare().code(),
						request.levelOfCare().edition()),
				request.adolescent(), request.weeklyHours(), request.sessionsPerWeek(), request.modalities(),
				request.careTeam(), request.mode(), request.startDate(), by, this.evaluations.now()));
	}

	PatientFile act(String patientId, Function<PatientState, PlanActions.Outcome> action) {
		return act(patientId, false, action);
	}

	PatientFile decide(String recommendationId, boolean approve, String by) {
		PatientFile file = this.repository.findByRecommendation(recommendationId)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "recommendation_not_found",
					"No such recommendation"));
		String kind = file.state()
			.recommendations()
			.stream()
			.filter((r) -> r.recommendationId().equals(recommendationId))
			.map((r) -> r.kind().name())
			.findFirst()
			.orElseThrow();
		PatientFile saved = act(file.patientId(), false,
				(state) -> PlanActions.decide(state, recommendationId, approve, by,
						this.evaluations.program(state.programId()).thresholds(),
						this.evaluations.today(state.programId()), this.evaluations.now()));
		this.metrics.decided(kind, approve);
		return saved;
	}

	Optional<PatientFile> byRecommendation(String recommendationId) {
		return this.repository.findByRecommendation(recommendationId);
	}

	Optional<PatientFile> find(String patientId) {
		return this.repository.findById(patientId);
	}

	PatientFile enrolled(String patientId) {
		return find(patientId).filter((file) -> file.state().plan() != null)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "plan_not_found",
					"No plan for this patient"));
	}

	private PatientFile act(String patientId, boolean mayCreate, Function<PatientState, PlanActions.Outcome> action) {
		record Saved(PatientFile file, List<StepwiseEvent> events) {
		}
		Saved saved = OnConflict.retry(() -> {
			Optional<PatientFile> stored = this.repository.findById(patientId);
			if (stored.isEmpty() && !mayCreate) {
				throw new RequestRejectedException(HttpStatus.NOT_FOUND, "plan_not_found", "No plan for this patient");
			}
			PatientFile file = stored.orElseGet(() -> PatientFile.startFor(patientId));
			PlanActions.Outcome outcome;
			try {
				outcome = action.apply(file.state());
			}
			catch (PlanActions.Conflict ex) {
				throw new RequestRejectedException(HttpStatus.CONFLICT, "plan_conflict", ex.getMessage());
			}
			Evaluations.Step step = this.evaluations.withEvents(file, outcome.state(), outcome.events());
			return new Saved(this.store.save(step.file()), step.events());
		});
		this.evaluations.finish(patientId, saved.events());
		return saved.file();
	}

	private static PatientState withProgram(PatientState state, String programId) {
		return new PatientState(state.patientId(), programId, state.projection(), state.revision(), state.riskLevel(),
				state.stepDownReady(), state.signals(), state.assessedAt(), state.plans(), state.recommendations(),
				state.highRiskSince(), state.lastAutomaticChange());
	}

	static List<Recommendation> pending(PatientFile file) {
		return file.state()
			.recommendations()
			.stream()
			.filter((r) -> r.status() == Recommendation.Status.PENDING)
			.toList();
	}

}
