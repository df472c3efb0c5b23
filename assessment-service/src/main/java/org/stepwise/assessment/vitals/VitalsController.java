package org.stepwise.assessment.vitals;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;

@RestController
@Tag(name = "vitals",
		description = "Weight and vitals (kg, cm, per minute, mmHg, C), checked at the source: impossible values rejected, implausible ones flagged")
class VitalsController {

	private final VitalsService service;

	private final VitalsRepository vitals;

	private final PatientAccess access;

	VitalsController(VitalsService service, VitalsRepository vitals, PatientAccess access) {
		this.service = service;
		this.vitals = vitals;
		this.access = access;
	}

	@Operation(
			summary = "Record weight and vitals measured at one time: checked, derived (BMI, % median BMI) and published")
	@PostMapping("/api/v1/vitals")
	ResponseEntity<VitalsRecord> record(Caller caller, @Valid @RequestBody RecordVitalsRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String idempotencyKey = Idempotency.ofCaller(caller, idempotencyHeader);
		this.access.requireIngest(caller, "vitals.record", request.programId(), request.patientId());
		VitalsService.Recorded recorded = this.service.record(request, idempotencyKey);
		this.access.allowed(caller, "vitals.record", request.programId(), request.patientId());
		return ResponseEntity.created(URI.create("/api/v1/patients/" + request.patientId() + "/vitals"))
			.header("Idempotent-Replayed", Boolean.toString(!recorded.created()))
			.body(recorded.vitals());
	}

	@Operation(summary = "A patient's recorded weight and vitals, oldest first")
	@GetMapping("/api/v1/patients/{patientId}/vitals")
	List<VitalsRecord> history(Caller caller, @PathVariable String patientId) {
		return this.access.read(caller, "vitals.read", patientId,
				this.vitals.findByPatientIdOrderByMeasuredAtAsc(patientId), VitalsRecord::programId);
	}

}
