package org.stepwise.assessment.assessment;

import java.net.URI;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;

@RestController
@Tag(name = "assessments",
		description = "Standardized instruments (PHQ-9, GAD-7, AUDIT-C, DAST-10, BAM, PACS, C-SSRS, drug screens), scored at the source")
class AssessmentController {

	private final AssessmentService service;

	private final AssessmentRepository assessments;

	private final PatientAccess access;

	AssessmentController(AssessmentService service, AssessmentRepository assessments, PatientAccess access) {
		this.service = service;
		this.assessments = assessments;
		this.access = access;
	}

	@Operation(summary = "Submit an instrument's responses: scored, banded and published")
	@PostMapping("/api/v1/assessments")
	ResponseEntity<AssessmentRecord> submit(Caller caller, @Valid @RequestBody SubmitAssessmentRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		AssessmentService.Submitted submitted = this.service.submit(caller, request,
				Idempotency.ofCaller(caller, idempotencyHeader));
		return ResponseEntity.created(URI.create("/api/v1/assessments/" + submitted.assessment().id()))
			.header("Idempotent-Replayed", Boolean.toString(!submitted.created()))
			.body(submitted.assessment());
	}

	@Operation(summary = "Read a scored assessment")
	@ApiResponse(responseCode = "404", description = "No such assessment (or not visible to the caller)")
	@GetMapping("/api/v1/assessments/{id}")
	AssessmentRecord get(Caller caller, @PathVariable String id) {
		AssessmentRecord assessment = this.assessments.findById(id)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "assessment_not_found",
					"No such assessment"));
		return this.access.readOne(caller, "assessment.read", assessment.programId(), assessment.patientId(),
				assessment);
	}

	@Operation(summary = "A patient's scored assessments, optionally of one instrument")
	@GetMapping("/api/v1/patients/{patientId}/assessments")
	List<AssessmentRecord> history(Caller caller, @PathVariable String patientId,
			@RequestParam(required = false) @Nullable Instrument instrument) {
		List<AssessmentRecord> found = (instrument == null)
				? this.assessments.findByPatientIdOrderByOccurredAtAsc(patientId)
				: this.assessments.findByPatientIdAndInstrumentOrderByOccurredAtAsc(patientId, instrument);
		return this.access.read(caller, "assessment.read", patientId, found, AssessmentRecord::programId);
	}

}
