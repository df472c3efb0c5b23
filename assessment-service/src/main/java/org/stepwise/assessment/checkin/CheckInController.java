package org.stepwise.assessment.checkin;

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
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.Idempotency;

/**
 * Daily check-ins over JSON: who may submit or read them; the storing is
 * {@link CheckInService}'s.
 */
@RestController
@Tag(name = "check-ins",
		description = "Daily self-report check-ins: mood, craving, use, sleep, stress, medication, confidence")
class CheckInController {

	private static final String ACTION_READ = "check-in.read";

	private final CheckInService service;

	private final CheckInRepository checkIns;

	private final PatientAccess access;

	CheckInController(CheckInService service, CheckInRepository checkIns, PatientAccess access) {
		this.service = service;
		this.checkIns = checkIns;
		this.access = access;
	}

	@Operation(summary = "Submit a daily check-in")
	@PostMapping("/api/v1/check-ins")
	ResponseEntity<CheckIn> submit(Caller caller, @Valid @RequestBody SubmitCheckInRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		CheckInService.Submitted submitted = this.service.submit(caller, request,
				Idempotency.ofCaller(caller, idempotencyHeader));
		return created(submitted.checkIn(), !submitted.created());
	}

	@Operation(summary = "A patient's check-ins")
	@GetMapping("/api/v1/patients/{patientId}/check-ins")
	List<CheckIn> history(Caller caller, @PathVariable String patientId) {
		List<CheckIn> found = this.checkIns.findByPatientIdOrderByOccurredAtAsc(patientId);
		if (caller.hasAny(Role.CLINICIAN, Role.PROGRAM_ADMIN)) {
			return this.access.read(caller, ACTION_READ, patientId, found, CheckIn::programId);
		}
		// a patient: their own check-ins, of the programs in their token
		if (!caller.isPatient(patientId)) {
			this.access.audit().denied(caller, ACTION_READ, null, patientId);
			throw new NotVisibleException();
		}
		List<CheckIn> own = found.stream().filter((checkIn) -> caller.inProgram(checkIn.programId())).toList();
		caller.programs().forEach((program) -> this.access.allowed(caller, ACTION_READ, program, patientId));
		return own;
	}

	private static ResponseEntity<CheckIn> created(CheckIn checkIn, boolean replayed) {
		return ResponseEntity.created(URI.create("/api/v1/check-ins/" + checkIn.id()))
			.header("Idempotent-Replayed", Boolean.toString(replayed))
			.body(checkIn);
	}

}
