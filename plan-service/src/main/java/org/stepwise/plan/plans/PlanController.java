package org.stepwise.plan.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.instruments.InstrumentStatus;
import org.stepwise.plan.plans.domain.AftercareSchedule;
import org.stepwise.plan.plans.domain.Bounds;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.InstrumentSchedule;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.plans.PlanScope.Who;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * Plans, their history, recommendations and the progress picture per patient. Every
 * endpoint is scoped to the caller's programs and the plan's care team, and audited
 * ({@link PlanScope}); who acted is always the caller, never a request body.
 */
@RestController
@Tag(name = "plans",
		description = "Treatment plans (level of care, hours, mode), their versions, recommendations and progress")
class PlanController {

	private final PlanService plans;

	private final Evaluations evaluations;

	private final PlanScope scope;

	PlanController(PlanService plans, Evaluations evaluations, PlanScope scope) {
		this.plans = plans;
		this.evaluations = evaluations;
		this.scope = scope;
	}

	/** The current plan with the recommendations awaiting a decision. */
	record PlanView(String planId, String patientId, String programId, PlanVersion plan,
			List<Recommendation> pendingRecommendations) {

		static PlanView of(PatientFile file) {
			return new PlanView(file.state().planId(), file.patientId(), file.state().programId(), file.state().plan(),
					PlanService.pending(file));
		}

	}

	/**
	 * The progress picture: the last published assessment with its early warning (score,
	 * level, model version, drivers), and the rules evaluated now (readiness criteria one
	 * by one, delivered hours per ISO week of the last
	 * {@link Rules#DELIVERED_HOURS_WEEKS} weeks; attendance-service holds every
	 * attendance record), and in aftercare where the schedule stands.
	 */
	record ProgressView(String patientId, String programId, long revision, RiskLevel riskLevel, boolean stepDownReady,
			List<SignalFired> signals, @Nullable LapseRisk lapseRisk, @Nullable Instant assessedAt,
			Map<String, Boolean> readiness, Map<String, Double> deliveredHoursPerWeek, String ruleSetVersion,
			List<InstrumentStatus> instruments, AftercareSchedule.@Nullable Status aftercare) {
	}

	@Operation(summary = "Enrol a patient: the first version of the treatment plan")
	@PostMapping("/api/v1/plans")
	ResponseEntity<PlanView> enrol(Caller caller, @Valid @RequestBody PlanRequests.Enrol request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		this.scope.requireEnrol(caller, request.patientId(), request.programId(), this.plans.find(request.patientId()));
		PatientFile file = this.plans.enrol(request, PlanScope.actor(caller),
				key(caller, idempotencyKey, "plan.enrol", request.patientId(), request));
		this.scope.allowed(caller, "plan.enrol", file);
		return ResponseEntity.status(HttpStatus.CREATED).body(PlanView.of(file));
	}

	@Operation(summary = "A patient's current treatment plan")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@GetMapping("/api/v1/patients/{patientId}/plan")
	PlanView plan(Caller caller, @PathVariable String patientId) {
		return PlanView.of(enrolled(caller, "plan.read", patientId, Who.CARE_TEAM));
	}

	@Operation(summary = "Every version of a patient's plan, with who or what changed it and why")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@GetMapping("/api/v1/patients/{patientId}/plan/history")
	List<PlanVersion> history(Caller caller, @PathVariable String patientId) {
		return this.plans.history(enrolled(caller, "plan.history.read", patientId, Who.CARE_TEAM));
	}

	@Operation(summary = "A patient's step-up and step-down recommendations")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@GetMapping("/api/v1/patients/{patientId}/recommendations")
	List<Recommendation> recommendations(Caller caller, @PathVariable String patientId) {
		return this.plans.recommendations(enrolled(caller, "plan.recommendations.read", patientId, Who.CARE_TEAM));
	}

	@Operation(
			summary = "A patient's progress: signals with evidence, relapse risk, step-down criteria, hours per week",
			description = "deliveredHoursPerWeek holds the current ISO week and the 11 before it.")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@GetMapping("/api/v1/patients/{patientId}/progress")
	ProgressView progress(Caller caller, @PathVariable String patientId) {
		PatientFile file = this.scope.require(caller, "progress.read", patientId, this.plans.find(patientId),
				Who.CARE_TEAM);
		this.scope.allowed(caller, "progress.read", file);
		Programs.Settings program = this.evaluations.program(file.state().programId());
		Instant clinicalNow = this.evaluations.now();
		Assessment now = Rules.evaluate(file.state().projection(), file.state().planContext(), program.thresholds(),
				program.focus(), program.zone(), clinicalNow);
		return new ProgressView(patientId, file.state().programId(), file.state().revision(), file.state().riskLevel(),
				file.state().stepDownReady(), file.state().signals(),
				(file.state().earlyWarning() != null) ? file.state().earlyWarning().risk() : null,
				file.state().assessedAt(), now.readiness(),
				Rules.deliveredHoursPerWeek(file.state().projection(), program.zone(), clinicalNow),
				Rules.RULE_SET_VERSION, instruments(file, program, clinicalNow), aftercare(file, program, clinicalNow));
	}

	/**
	 * In aftercare: the week, the check-in due next (late: an outreach prompt) and the
	 * next check-up; null otherwise. The last check-in is the newest the projection keeps
	 * (retention keeps more days than a monthly interval).
	 */
	private static AftercareSchedule.@Nullable Status aftercare(PatientFile file, Programs.Settings program,
			Instant now) {
		PlanVersion plan = file.state().plan();
		if (plan == null || !plan.inAftercare()) {
			return null;
		}
		LocalDate lastCheckIn = file.state()
			.projection()
			.checkIns()
			.stream()
			.map((checkIn) -> LocalDate.ofInstant(checkIn.occurredAt(), program.zone()))
			.max(Comparator.naturalOrder())
			.orElse(null);
		return AftercareSchedule.of(program.thresholds())
			.status(plan.phaseStart(), lastCheckIn, LocalDate.ofInstant(now, program.zone()));
	}

	/**
	 * The program's instrument schedule for this patient today (none without a plan, nor
	 * after treatment: aftercare has its own schedule).
	 */
	private static List<InstrumentStatus> instruments(PatientFile file, Programs.Settings program, Instant now) {
		PlanVersion plan = file.state().plan();
		if (plan == null || !plan.inTreatment()) {
			return List.of();
		}
		LocalDate today = LocalDate.ofInstant(now, program.zone());
		return InstrumentSchedule.of(program.focus(), program.thresholds())
			.due(file.state().projection(), plan.startDate(), program.zone())
			.stream()
			.map((due) -> InstrumentStatus.of(due, today))
			.toList();
	}

	@Operation(summary = "Change a plan by hand (level, hours, sessions, modalities), with the reason")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@PostMapping("/api/v1/patients/{patientId}/plan/changes")
	PlanView change(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.Change request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		String by = PlanScope.actor(caller);
		return act(caller, "plan.change", patientId, Who.PROGRAM_ADMIN,
				key(caller, idempotencyKey, "plan.change", patientId, request),
				(state) -> PlanActions.change(state,
						new LevelOfCare(request.levelOfCare().code(), request.levelOfCare().edition()),
						request.weeklyHours(), request.sessionsPerWeek(), by, request.reason(),
						this.evaluations.today(state.programId()), this.evaluations.now()));
	}

	@Operation(summary = "Lock a plan against automatic changes")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@PostMapping("/api/v1/patients/{patientId}/plan/lock")
	PlanView lock(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.Action request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return settings(caller, "plan.lock", patientId, Who.CARE_TEAM,
				key(caller, idempotencyKey, "plan.lock", patientId, request), true, null, null, null,
				reason(request.reason(), "locked"));
	}

	@Operation(summary = "Unlock a plan")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@PostMapping("/api/v1/patients/{patientId}/plan/unlock")
	PlanView unlock(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.Action request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return settings(caller, "plan.unlock", patientId, Who.CARE_TEAM,
				key(caller, idempotencyKey, "plan.unlock", patientId, request), false, null, null, null,
				reason(request.reason(), "unlocked"));
	}

	@Operation(summary = "Set the guardrails automatic changes stay within")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@PutMapping("/api/v1/patients/{patientId}/plan/bounds")
	PlanView bounds(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.SetBounds request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		if (request.minHours() != null && request.maxHours() != null
				&& request.minHours().compareTo(request.maxHours()) > 0) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_bounds",
					"minHours must not exceed maxHours");
		}
		return settings(caller, "plan.bounds", patientId, Who.CARE_TEAM,
				key(caller, idempotencyKey, "plan.bounds", patientId, request), null,
				new Bounds(request.minHours(), request.maxHours()), null, null, reason(request.reason(), "bounds set"));
	}

	@Operation(summary = "Set a plan's care team and mode")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@PutMapping("/api/v1/patients/{patientId}/plan/settings")
	PlanView settings(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.Settings request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return settings(caller, "plan.settings", patientId, Who.PROGRAM_ADMIN,
				key(caller, idempotencyKey, "plan.settings", patientId, request), null, null, request.careTeam(),
				request.mode(), reason(request.reason(), "settings changed"));
	}

	@Operation(summary = "Revert a plan to an earlier version")
	@ApiResponse(responseCode = "404", description = "The patient has no plan or no such version")
	@PostMapping("/api/v1/patients/{patientId}/plan/revert")
	PlanView revert(Caller caller, @PathVariable String patientId, @Valid @RequestBody PlanRequests.Revert request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		String by = PlanScope.actor(caller);
		return act(caller, "plan.revert", patientId, Who.CARE_TEAM,
				key(caller, idempotencyKey, "plan.revert", patientId, request),
				(state) -> PlanActions.revert(this.plans.withPlanVersion(state, request.toVersion()),
						request.toVersion(), by, this.evaluations.now()));
	}

	@Operation(summary = "Discharge to aftercare: after the step-down to OP (1.0), or a planned discharge",
			description = "Starts aftercare today (docs/clinical-rules.md section 8): a lighter schedule of check-ins "
					+ "and check-ups for a year, then the patient is closed. 409 when the plan is not in treatment "
					+ "or, without planned, not at OP; dischargedOn records a discharge after the fact.")
	@ApiResponse(responseCode = "404", description = "The patient has no plan (or it is not visible to the caller)")
	@ApiResponse(responseCode = "409", description = "Already discharged, or not at OP and not a planned discharge")
	@PostMapping("/api/v1/patients/{patientId}/plan/discharge")
	PlanView discharge(Caller caller, @PathVariable String patientId,
			@Valid @RequestBody PlanRequests.Discharge request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		String by = PlanScope.actor(caller);
		return act(caller, "plan.discharge", patientId, Who.CARE_TEAM,
				key(caller, idempotencyKey, "plan.discharge", patientId, request), (state) -> {
					LocalDate today = this.evaluations.today(state.programId());
					return PlanActions.discharge(state, request.planned(),
							(request.dischargedOn() != null) ? request.dischargedOn() : today, by, request.reason(),
							today, this.evaluations.now());
				});
	}

	@Operation(summary = "Approve a pending recommendation: the plan changes")
	@ApiResponse(responseCode = "404", description = "No such recommendation (or not visible to the caller)")
	@PostMapping("/api/v1/recommendations/{recommendationId}/approve")
	PlanView approve(Caller caller, @PathVariable String recommendationId,
			@Valid @RequestBody(required = false) PlanRequests.@Nullable Action request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return decide(caller, "recommendation.approve", recommendationId, true,
				key(caller, idempotencyKey, "recommendation.approve", recommendationId, String.valueOf(request)));
	}

	@Operation(summary = "Decline a pending recommendation")
	@ApiResponse(responseCode = "404", description = "No such recommendation (or not visible to the caller)")
	@PostMapping("/api/v1/recommendations/{recommendationId}/decline")
	PlanView decline(Caller caller, @PathVariable String recommendationId,
			@Valid @RequestBody(required = false) PlanRequests.@Nullable Action request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return decide(caller, "recommendation.decline", recommendationId, false,
				key(caller, idempotencyKey, "recommendation.decline", recommendationId, String.valueOf(request)));
	}

	private PlanView decide(Caller caller, String action, String recommendationId, boolean approve,
			PlanService.@Nullable RequestKey key) {
		PatientFile file = this.plans.byRecommendation(recommendationId)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "recommendation_not_found",
					"No such recommendation"));
		try {
			this.scope.require(caller, action, file.patientId(), Optional.of(file), Who.CARE_TEAM);
		}
		catch (NotVisibleException ex) {
			// the same answer as a recommendation that does not exist
			throw new RequestRejectedException(HttpStatus.NOT_FOUND, "recommendation_not_found",
					"No such recommendation");
		}
		PatientFile decided = this.plans.decide(recommendationId, approve, PlanScope.actor(caller), key);
		this.scope.allowed(caller, action, decided);
		return PlanView.of(decided);
	}

	private PatientFile enrolled(Caller caller, String action, String patientId, Who who) {
		PatientFile file = this.scope.require(caller, action, patientId,
				this.plans.find(patientId).filter((f) -> f.state().plan() != null), who);
		this.scope.allowed(caller, action, file);
		return file;
	}

	private PlanView act(Caller caller, String action, String patientId, Who who, PlanService.@Nullable RequestKey key,
			Function<PatientState, PlanActions.Outcome> change) {
		this.scope.require(caller, action, patientId,
				this.plans.find(patientId).filter((f) -> f.state().plan() != null), who);
		PatientFile changed = this.plans.act(patientId, key, change);
		this.scope.allowed(caller, action, changed);
		return PlanView.of(changed);
	}

	private PlanView settings(Caller caller, String action, String patientId, Who who,
			PlanService.@Nullable RequestKey key, @Nullable Boolean locked, @Nullable Bounds bounds,
			@Nullable List<String> careTeam, org.stepwise.contracts.plan.@Nullable PlanMode mode, String why) {
		String by = PlanScope.actor(caller);
		return act(caller, action, patientId, who, key, (state) -> PlanActions.settings(state, locked, bounds, careTeam,
				mode, by, why, this.evaluations.now()));
	}

	/** The request's idempotency, scoped to the caller, the action and its subject. */
	private static PlanService.@Nullable RequestKey key(Caller caller, @Nullable String idempotencyKey, String action,
			String subject, Object request) {
		return PlanService.RequestKey.of(Idempotency.ofCaller(caller, idempotencyKey), action, subject, request);
	}

	private static String reason(@Nullable String given, String fallback) {
		return (given == null || given.isBlank()) ? fallback : given;
	}

}
