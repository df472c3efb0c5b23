package org.stepwise.attendance.session;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.Identifier;

@RestController
@Tag(name = "sessions", description = "Scheduled therapy sessions and their rosters")
@RequestMapping("/api/v1/sessions")
class SessionController {

	private final SessionService service;

	private final PatientAccess access;

	SessionController(SessionService service, PatientAccess access) {
		this.service = service;
		this.access = access;
	}

	@Operation(summary = "Schedule one session with its roster")
	@PostMapping
	ResponseEntity<Session> schedule(Caller caller, @Valid @RequestBody ScheduleSessionRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String idempotencyKey = Idempotency.ofCaller(caller, idempotencyHeader);
		this.access.requireIngest(caller, "session.schedule", request.programId(), null);
		Session session = this.service.schedule(request, idempotencyKey);
		this.access.allowed(caller, "session.schedule", session.programId(), null);
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(session);
	}

	@Operation(
			summary = "Schedule a weekly series of sessions (e.g. Mon/Wed/Thu 18:00-21:00 for 12 weeks in a time zone)")
	@PostMapping("/recurring")
	ResponseEntity<List<Session>> scheduleRecurring(Caller caller, @Valid @RequestBody ScheduleRecurringRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String idempotencyKey = Idempotency.ofCaller(caller, idempotencyHeader);
		this.access.requireIngest(caller, "session.schedule", request.programId(), null);
		List<Session> sessions = this.service.scheduleRecurring(request, idempotencyKey);
		this.access.allowed(caller, "session.schedule", request.programId(), null);
		return ResponseEntity.status(201).body(sessions);
	}

	@Operation(summary = "Read a session")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@GetMapping("/{id}")
	Session get(Caller caller, @PathVariable String id) {
		// the roster names patients: staff of the session's program (facilitators see
		// the whole group)
		Session session = this.service.get(id);
		this.access.requireProgram(caller, "session.read", session.programId());
		this.access.allowed(caller, "session.read", session.programId(), null);
		return session;
	}

	@Operation(summary = "Reschedule a session")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@PatchMapping("/{id}")
	Session reschedule(Caller caller, @PathVariable String id, @Valid @RequestBody RescheduleRequest request) {
		return write(caller, "session.reschedule", id, null, () -> this.service.reschedule(id, request));
	}

	@Operation(summary = "Cancel a session")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@DeleteMapping("/{id}")
	Session cancel(Caller caller, @PathVariable String id) {
		return write(caller, "session.cancel", id, null, () -> this.service.cancel(id));
	}

	@Operation(summary = "Add a patient to a session's roster")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@PostMapping("/{id}/roster")
	Session addToRoster(Caller caller, @PathVariable String id, @Valid @RequestBody RosterChange change) {
		return write(caller, "session.roster.add", id, change.patientId(),
				() -> this.service.addToRoster(id, change.patientId()));
	}

	@Operation(summary = "Remove a patient from a session's roster")
	@ApiResponse(responseCode = "404", description = "No such session (or not in a program of the caller)")
	@DeleteMapping("/{id}/roster/{patientId}")
	Session removeFromRoster(Caller caller, @PathVariable String id, @PathVariable String patientId) {
		return write(caller, "session.roster.remove", id, patientId,
				() -> this.service.removeFromRoster(id, patientId));
	}

	/** A change of a session by an ingest client of its program, audited. */
	private Session write(Caller caller, String action, String id, @Nullable String patientId,
			Supplier<Session> change) {
		String programId = this.service.get(id).programId();
		this.access.requireIngest(caller, action, programId, patientId);
		Session session = change.get();
		this.access.allowed(caller, action, programId, patientId);
		return session;
	}

	record RosterChange(@NotBlank @Identifier String patientId) {
	}

}
