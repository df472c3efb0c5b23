package org.stepwise.assessment.assessment;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;

@RestController
class AssessmentController {

	private final AssessmentService service;

	private final AssessmentRepository assessments;

	AssessmentController(AssessmentService service, AssessmentRepository assessments) {
		this.service = service;
		this.assessments = assessments;
	}

	@PostMapping("/api/v1/assessments")
	ResponseEntity<AssessmentRecord> submit(@Valid @RequestBody SubmitAssessmentRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		AssessmentService.Submitted submitted = this.service.submit(request, idempotencyKey);
		return ResponseEntity.created(URI.create("/api/v1/assessments/" + submitted.assessment().id()))
			.header("Idempotent-Replayed", Boolean.toString(!submitted.created()))
			.body(submitted.assessment());
	}

	@GetMapping("/api/v1/assessments/{id}")
	AssessmentRecord get(@PathVariable String id) {
		return this.assessments.findById(id)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "assessment_not_found",
					"No such assessment"));
	}

	@GetMapping("/api/v1/patients/{patientId}/assessments")
	List<AssessmentRecord> history(@PathVariable String patientId,
			@RequestParam(required = false) @Nullable Instrument instrument) {
		return (instrument == null) ? this.assessments.findByPatientIdOrderByOccurredAtAsc(patientId)
				: this.assessments.findByPatientIdAndInstrumentOrderByOccurredAtAsc(patientId, instrument);
	}

}
