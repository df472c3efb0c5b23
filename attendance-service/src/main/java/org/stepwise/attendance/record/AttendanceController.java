package org.stepwise.attendance.record;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

import org.stepwise.attendance.session.SessionService;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;

@RestController
@Tag(name = "attendance", description = "Attendance records of sessions, their corrections and a patient's history")
class AttendanceController {

	private final AttendanceService service;

	private final AttendanceRepository records;

	private final SessionService sessions;

	private final PatientAccess access;

	AttendanceController(AttendanceService service, AttendanceRepository records, SessionService sessions,
			PatientAccess access) {
		this.service = service;
		this.records = records;
		this.sessions = sessions;
		this.access = access;
	}

	/**
	 * One record (the body is the record) or a roster ({@code records}: the body is the
	 * list).
	 */
	@Operation(summary = "Record attendance: one patient, or the whole roster at once",
			description = "A roster is checked as a whole and stored all or nothing: if any entry breaks a rule, "
					+ "nothing is stored; a write interrupted by a crash is finished by the service. Recording is "
					+ "idempotent per session and patient: the same roster sent again returns every record and "
					+ "publishes no event twice.")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@PostMapping("/api/v1/sessions/{sessionId}/attendance")
	ResponseEntity<Object> record(Caller caller, @PathVariable String sessionId,
			@Valid @RequestBody RecordAttendanceRequest request) {
		String programId = this.sessions.get(sessionId).programId();
		this.access.requireIngest(caller, "attendance.record", programId, null);
		List<AttendanceRecord> recorded = this.service.record(sessionId, request);
		recorded.forEach((r) -> this.access.allowed(caller, "attendance.record", programId, r.patientId()));
		URI location = URI.create("/api/v1/sessions/" + sessionId + "/attendance");
		return ResponseEntity.created(location).body((request.records() == null) ? recorded.get(0) : recorded);
	}

	@Operation(summary = "Correct a patient's attendance record, with the reason")
	@ApiResponse(responseCode = "404", description = "No such session or record")
	@PostMapping("/api/v1/sessions/{sessionId}/attendance/{patientId}/corrections")
	AttendanceRecord correct(Caller caller, @PathVariable String sessionId, @PathVariable String patientId,
			@Valid @RequestBody CorrectAttendanceRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String idempotencyKey = Idempotency.ofCaller(caller, idempotencyHeader);
		String programId = this.sessions.get(sessionId).programId();
		if (!caller.isProgramAdminOf(programId)) {
			this.access.requireIngest(caller, "attendance.correct", programId, patientId);
		}
		AttendanceRecord corrected = this.service.correct(sessionId, patientId, request, caller.subject(),
				idempotencyKey);
		this.access.allowed(caller, "attendance.correct", programId, patientId);
		return corrected;
	}

	@Operation(summary = "A patient's attendance records")
	@GetMapping("/api/v1/patients/{patientId}/attendance")
	List<AttendanceRecord> history(Caller caller, @PathVariable String patientId) {
		return this.access.read(caller, "attendance.read", patientId,
				this.records.findByPatientIdOrderByOccurredAtAsc(patientId), AttendanceRecord::programId);
	}

}
