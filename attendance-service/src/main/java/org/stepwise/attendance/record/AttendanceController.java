package org.stepwise.attendance.record;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.web.Idempotency;

@RestController
class AttendanceController {

	private final AttendanceService service;

	private final AttendanceRepository records;

	AttendanceController(AttendanceService service, AttendanceRepository records) {
		this.service = service;
		this.records = records;
	}

	/**
	 * One record (the body is the record) or a roster ({@code records}: the body is the
	 * list).
	 */
	@PostMapping("/api/v1/sessions/{sessionId}/attendance")
	ResponseEntity<Object> record(@PathVariable String sessionId, @Valid @RequestBody RecordAttendanceRequest request) {
		List<AttendanceRecord> recorded = this.service.record(sessionId, request);
		URI location = URI.create("/api/v1/sessions/" + sessionId + "/attendance");
		return ResponseEntity.created(location).body((request.records() == null) ? recorded.get(0) : recorded);
	}

	@PostMapping("/api/v1/sessions/{sessionId}/attendance/{patientId}/corrections")
	AttendanceRecord correct(@PathVariable String sessionId, @PathVariable String patientId,
			@Valid @RequestBody CorrectAttendanceRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return this.service.correct(sessionId, patientId, request, idempotencyKey);
	}

	@GetMapping("/api/v1/patients/{patientId}/attendance")
	List<AttendanceRecord> history(@PathVariable String patientId) {
		return this.records.findByPatientIdOrderByOccurredAtAsc(patientId);
	}

}
