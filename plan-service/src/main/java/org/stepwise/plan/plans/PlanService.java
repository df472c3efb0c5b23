package org.stepwise.plan.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.PatientFileRepository;
import org.stepwise.plan.progress.PatientStore;
import org.stepwise.plan.progress.PlanMetrics;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.web.Idempotency;
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

	/**
	 * An idempotent request: its id (from the caller's {@code Idempotency-Key}, the
	 * action and the patient) and the fingerprint of its body.
	 */
	record RequestKey(String id, String fingerprint) {

		static @Nullable RequestKey of(@Nullable String callerKey, String action, String subject, Object request) {
			return (callerKey != null) ? new RequestKey(Idempotency.recordId(action + "/" + subject, callerKey),
					Idempotency.fingerprint(request)) : null;
		}

	}

	PatientFile enrol(PlanRequests.Enrol request, String by, @Nullable RequestKey key) {
		this.evaluations.planStarts(request.programId(), request.startDate());
		return act(request.patientId(), true, key, (state) -> PlanActions.enrol(
				state.plan() == null && state.plans().isEmpty() ? withProgram(state, request.programId()) : state,
				new org.stepwise.contracts.plan.LevelOfCare(request.levelOfCare().code(),
						request.levelOfCare().edition()),
				request.adolescent(), request.weeklyHours(), request.sessionsPerWeek(), request.modalities(),
				request.careTeam(), request.mode(), request.startDate(), by, this.evaluations.now()));
	}

	PatientFile act(String patientId, @Nullable RequestKey key, Function<PatientState, PlanActions.Outcome> action) {
		return act(patientId, false, key, action);
	}

	PatientFile decide(String recommendationId, boolean approve, String by, @Nullable RequestKey key) {
		PatientFile file = byRecommendation(recommendationId)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "recommendation_not_found",
					"No such recommendation"));
		String kind = recommendation(file.state(), recommendationId).orElseThrow().kind().name();
		PatientFile saved = act(file.patientId(), false, key,
				(state) -> PlanActions.decide(withRecommendation(state, recommendationId), recommendationId, approve,
						by, this.evaluations.program(state.programId()).thresholds(),
						this.evaluations.today(state.programId()), this.evaluations.now()));
		this.metrics.decided(kind, approve);
		return saved;
	}

	/**
	 * The patient a recommendation was made for: by the document while it is pending or
	 * just closed, by the plan history after.
	 */
	Optional<PatientFile> byRecommendation(String recommendationId) {
		return this.repository.findByRecommendation(recommendationId)
			.or(() -> this.store.archivedRecommendation(recommendationId)
				.flatMap((r) -> this.repository.findById(patientOf(r))));
	}

	/**
	 * The state with this recommendation in its list even when it has left the document
	 * (deciding a closed one is refused with what became of it).
	 */
	private PatientState withRecommendation(PatientState state, String recommendationId) {
		if (state.recommendations().stream().anyMatch((r) -> r.recommendationId().equals(recommendationId))) {
			return state;
		}
		return this.store.archivedRecommendation(recommendationId).map((archived) -> {
			List<Recommendation> all = new ArrayList<>(state.recommendations());
			all.add(archived);
			return state.withHistory(state.plans(), all);
		}).orElse(state);
	}

	/**
	 * The state with this plan version in its history even when it has left the document
	 * (a revert to it).
	 */
	PatientState withPlanVersion(PatientState state, int version) {
		if (state.plans().stream().anyMatch((v) -> v.version() == version)) {
			return state;
		}
		return this.store.archivedPlan(state.patientId(), version).map((archived) -> {
			List<PlanVersion> all = new ArrayList<>();
			all.add(archived);
			all.addAll(state.plans());
			return state.withHistory(all, state.recommendations());
		}).orElse(state);
	}

	private Optional<Recommendation> recommendation(PatientState state, String recommendationId) {
		return state.recommendations()
			.stream()
			.filter((r) -> r.recommendationId().equals(recommendationId))
			.findFirst()
			.or(() -> this.store.archivedRecommendation(recommendationId));
	}

	/** Recommendation ids are {@code <patientId>-rec-<n>}. */
	private static String patientOf(Recommendation recommendation) {
		String id = recommendation.recommendationId();
		return id.substring(0, id.lastIndexOf("-rec-"));
	}

	List<PlanVersion> history(PatientFile file) {
		return this.store.planHistory(file);
	}

	List<Recommendation> recommendations(PatientFile file) {
		return this.store.recommendations(file);
	}

	Optional<PatientFile> find(String patientId) {
		return this.repository.findById(patientId);
	}

	/**
	 * Reads, changes and writes the patient's document, again on a conflict. A request
	 * with a key already applied (a retry, or one of several sent at once) changes
	 * nothing and answers the plan as it is; the key is recorded in the same write as the
	 * change, so of concurrent retries exactly one takes effect.
	 */
	private PatientFile act(String patientId, boolean mayCreate, @Nullable RequestKey key,
			Function<PatientState, PlanActions.Outcome> action) {
		record Saved(PatientFile file, List<StepwiseEvent> events) {
		}
		Saved saved = OnConflict.retry(() -> {
			Optional<PatientFile> stored = this.store.find(patientId);
			Instant wallNow = this.evaluations.wallNow();
			Optional<String> applied = stored
				.flatMap((file) -> Optional.ofNullable(key).flatMap((k) -> file.appliedRequest(k.id(), wallNow)));
			if (applied.isPresent()) {
				Idempotency.requireSameRequest(applied.get(), key.fingerprint());
				return new Saved(stored.get(), List.of());
			}
			if (stored.isEmpty() && !mayCreate) {
				// the same answer as a patient the caller may not see: no existence
				// oracle
				throw new NotVisibleException();
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
			PatientFile changed = (key != null) ? step.file().withAppliedRequest(key.id(), key.fingerprint(), wallNow)
					: step.file();
			return new Saved(this.store.save(new PatientStore.Change(stored.orElse(null), changed)), step.events());
		});
		this.evaluations.finish(patientId, saved.events());
		return saved.file();
	}

	private static PatientState withProgram(PatientState state, String programId) {
		return new PatientState(state.patientId(), programId, state.projection(), state.revision(), state.riskLevel(),
				state.stepDownReady(), state.signals(), state.assessedAt(), state.plans(), state.recommendations(),
				state.highRiskSince(), state.lastAutomaticChange(), state.earlyWarning(), state.factsArrivedAt(),
				state.absenceAsOf(), state.recommendationsMade());
	}

	static List<Recommendation> pending(PatientFile file) {
		return file.state()
			.recommendations()
			.stream()
			.filter((r) -> r.status() == Recommendation.Status.PENDING)
			.toList();
	}

}
