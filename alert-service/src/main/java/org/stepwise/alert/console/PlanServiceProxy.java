package org.stepwise.alert.console;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.program.Programs;

/**
 * The console's way to plan-service (a patient's plan, its history, recommendations and
 * progress; the caseload's instruments due; approving and declining a recommendation),
 * through a {@link ServiceRelay}: only these paths, with the codes in plan-service's data
 * worded for the console ({@link Wording}: signals, reasons, recommendation kinds) and
 * the program's time zone added to progress.
 */
@RestController
class PlanServiceProxy {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final ServiceRelay planService;

	private final Programs programs;

	PlanServiceProxy(@Value("${stepwise.console.plan-service-url:http://127.0.0.1:8083}") String baseUrl,
			JsonMapper json, Programs programs) {
		this.planService = new ServiceRelay(baseUrl, "plan service", json);
		this.programs = programs;
	}

	@GetMapping("/console/patients/{patientId}/plan")
	ResponseEntity<?> plan(@PathVariable String patientId) {
		return this.planService.get("/api/v1/patients/{id}/plan", this::planWords, patientId);
	}

	@GetMapping("/console/patients/{patientId}/plan/history")
	ResponseEntity<?> history(@PathVariable String patientId) {
		return this.planService.get("/api/v1/patients/{id}/plan/history", (body) -> body.forEach(this::words),
				patientId);
	}

	@GetMapping("/console/patients/{patientId}/recommendations")
	ResponseEntity<?> recommendations(@PathVariable String patientId) {
		return this.planService.get("/api/v1/patients/{id}/recommendations",
				(body) -> body.forEach(this::recommendationWords), patientId);
	}

	@GetMapping("/console/patients/{patientId}/progress")
	ResponseEntity<?> progress(@PathVariable String patientId) {
		return this.planService.get("/api/v1/patients/{id}/progress", (body) -> {
			if (body instanceof ObjectNode progress && progress.hasNonNull("programId")) {
				progress.put("zone", Wording.zone(this.programs.zone(progress.get("programId").asString())));
			}
			for (JsonNode signal : body.path("signals")) {
				if (signal instanceof ObjectNode node) {
					node.put("label", Wording.kind(node.path("kind").asString("")));
					node.put("words", Wording.evidence(node.path("evidence").asString("")));
				}
			}
		}, patientId);
	}

	/**
	 * The caseload's instruments due or overdue, each already in words ("PHQ-9 overdue 5
	 * days"); plan-service lists only the caller's patients.
	 */
	@GetMapping("/console/instruments-due")
	ResponseEntity<?> instrumentsDue() {
		return this.planService.get("/api/v1/instruments-due", ServiceRelay.Decoration.NONE);
	}

	@PostMapping("/console/recommendations/{recommendationId}/approve")
	ResponseEntity<?> approve(@PathVariable String recommendationId,
			@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.planService.post("/api/v1/recommendations/{id}/approve", recommendationId, body, idempotencyKey,
				this::planWords);
	}

	@PostMapping("/console/recommendations/{recommendationId}/decline")
	ResponseEntity<?> decline(@PathVariable String recommendationId,
			@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.planService.post("/api/v1/recommendations/{id}/decline", recommendationId, body, idempotencyKey,
				this::planWords);
	}

	/** A plan with its pending recommendations in words. */
	private void planWords(JsonNode plan) {
		words(plan.path("plan"));
		plan.path("pendingRecommendations").forEach(this::recommendationWords);
	}

	/** A plan version's reasons in words. */
	private void words(JsonNode version) {
		for (JsonNode reason : version.path("reasons")) {
			if (reason instanceof ObjectNode node) {
				node.put("label", Wording.reason(node.path("code").asString("")));
				node.put("words", Wording.evidence(node.path("evidence").asString("")));
			}
		}
	}

	private void recommendationWords(JsonNode recommendation) {
		if (recommendation instanceof ObjectNode node) {
			node.put("label", Wording.recommendation(node.path("kind").asString("")));
		}
		words(recommendation);
	}

}
