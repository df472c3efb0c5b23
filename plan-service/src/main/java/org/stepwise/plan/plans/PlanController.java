package org.stepwise.plan.plans;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.plans.domain.Bounds;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.platform.web.RequestRejectedException;

/** Plans, their history, recommendations and the progress picture per patient. */
@RestController
class PlanController {

	private final PlanService plans;

	private final Evaluations evaluations;

	PlanController(PlanService plans, Evaluations evaluations) {
		this.plans = plans;
		this.evaluations = evaluations;
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
	 * The progress picture: the last published assessment, and the rules evaluated now
	 * (readiness criteria one by one, delivered hours per ISO week).
	 */
	record ProgressView(String patientId, String programId, long revision, RiskLevel riskLevel, boolean stepDownReady,
			List<SignalFired> signals, @Nullable Instant assessedAt, Map<String, Boolean> readiness,
			Map<String, Double> deliveredHoursPerWeek, String ruleSetVersion) {
	}

	@PostMapping("/api/v1/plans")
	ResponseEntity<PlanView> enrol(@Valid @RequestBody PlanRequests.Enrol request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(PlanView.of(this.plans.enrol(request)));
	}

	@GetMapping("/api/v1/patients/{patientId}/plan")
	PlanView plan(@PathVariable String patientId) {
		return PlanView.of(this.plans.enrolled(patientId));
	}

	@GetMapping("/api/v1/patients/{patientId}/plan/history")
	List<PlanVersion> history(@PathVariable String patientId) {
		return this.plans.enrolled(patientId).state().plans();
	}

	@GetMapping("/api/v1/patients/{patientId}/recommendations")
	List<Recommendation> recommendations(@PathVariable String patientId) {
		return this.plans.enrolled(patientId).state().recommendations();
	}

	@GetMapping("/api/v1/patients/{patientId}/progress")
	ProgressView progress(@PathVariable String patientId) {
		PatientFile file = this.plans.find(patientId)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "patient_not_found",
					"No progress recorded for this patient"));
		var program = this.evaluations.program(file.state().programId());
		Assessment now = Rules.evaluate(file.state().projection(), file.state().planContext(), program.thresholds(),
				program.zone(), this.evaluations.now());
		return new ProgressView(patientId, file.state().programId(), file.state().revision(), file.state().riskLevel(),
				file.state().stepDownReady(), file.state().signals(), file.state().assessedAt(), now.readiness(),
				Rules.deliveredHoursPerWeek(file.state().projection(), program.zone()), Rules.RULE_SET_VERSION);
	}

	@PostMapping("/api/v1/patients/{patientId}/plan/changes")
	PlanView change(@PathVariable String patientId, @Valid @RequestBody PlanRequests.Change request) {
		return PlanView.of(this.plans.act(patientId,
				(state) -> PlanActions.change(state,
						new LevelOfCare(request.levelOfCare().code(), request.levelOfCare().edition()),
						request.weeklyHours(), request.sessionsPerWeek(), request.by(), request.reason(),
						this.evaluations.today(state.programId()), this.evaluations.now())));
	}

	@PostMapping("/api/v1/patients/{patientId}/plan/lock")
	PlanView lock(@PathVariable String patientId, @Valid @RequestBody PlanRequests.Action request) {
		return settings(patientId, true, null, null, null, request.by(), reason(request.reason(), "locked"));
	}

	@PostMapping("/api/v1/patients/{patientId}/plan/unlock")
	PlanView unlock(@PathVariable String patientId, @Valid @RequestBody PlanRequests.Action request) {
		return settings(patientId, false, null, null, null, request.by(), reason(request.reason(), "unlocked"));
	}

	@PutMapping("/api/v1/patients/{patientId}/plan/bounds")
	PlanView bounds(@PathVariable String patientId, @Valid @RequestBody PlanRequests.SetBounds request) {
		if (request.minHours() != null && request.maxHours() != null
				&& request.minHours().compareTo(request.maxHours()) > 0) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_bounds",
					"minHours must not exceed maxHours");
		}
		return settings(patientId, null, new Bounds(request.minHours(), request.maxHours()), null, null, request.by(),
				reason(request.reason(), "bounds set"));
	}

	@PutMapping("/api/v1/patients/{patientId}/plan/settings")
	PlanView settings(@PathVariable String patientId, @Valid @RequestBody PlanRequests.Settings request) {
		return settings(patientId, null, null, request.careTeam(), request.mode(), request.by(),
				reason(request.reason(), "settings changed"));
	}

	@PostMapping("/api/v1/patients/{patientId}/plan/revert")
	PlanView revert(@PathVariable String patientId, @Valid @RequestBody PlanRequests.Revert request) {
		return PlanView.of(this.plans.act(patientId,
				(state) -> PlanActions.revert(state, request.toVersion(), request.by(), this.evaluations.now())));
	}

	@PostMapping("/api/v1/recommendations/{recommendationId}/approve")
	PlanView approve(@PathVariable String recommendationId, @Valid @RequestBody PlanRequests.Action request) {
		return PlanView.of(this.plans.decide(recommendationId, true, request.by()));
	}

	@PostMapping("/api/v1/recommendations/{recommendationId}/decline")
	PlanView decline(@PathVariable String recommendationId, @Valid @RequestBody PlanRequests.Action request) {
		return PlanView.of(this.plans.decide(recommendationId, false, request.by()));
	}

	private PlanView settings(String patientId, @Nullable Boolean locked, @Nullable Bounds bounds,
			@Nullable List<String> careTeam, org.stepwise.contracts.plan.@Nullable PlanMode mode, String by,
			String why) {
		return PlanView.of(this.plans.act(patientId, (state) -> PlanActions.settings(state, locked, bounds, careTeam,
				mode, by, why, this.evaluations.now())));
	}

	private static String reason(@Nullable String given, String fallback) {
		return (given == null || given.isBlank()) ? fallback : given;
	}

}
