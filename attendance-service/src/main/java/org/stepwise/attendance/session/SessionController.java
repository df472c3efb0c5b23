package org.stepwise.attendance.session;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

import org.stepwise.platform.web.Idempotency;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

	private final SessionService service;

	SessionController(SessionService service) {
		this.service = service;
	}

	@PostMapping
	ResponseEntity<Session> schedule(@Valid @RequestBody ScheduleSessionRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		Session session = this.service.schedule(request, idempotencyKey);
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(session);
	}

	@PostMapping("/recurring")
	ResponseEntity<List<Session>> scheduleRecurring(@Valid @RequestBody ScheduleRecurringRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey) {
		return ResponseEntity.status(201).body(this.service.scheduleRecurring(request, idempotencyKey));
	}

	@GetMapping("/{id}")
	Session get(@PathVariable String id) {
		return this.service.get(id);
	}

	@PatchMapping("/{id}")
	Session reschedule(@PathVariable String id, @Valid @RequestBody RescheduleRequest request) {
		return this.service.reschedule(id, request);
	}

	@DeleteMapping("/{id}")
	Session cancel(@PathVariable String id) {
		return this.service.cancel(id);
	}

	@PostMapping("/{id}/roster")
	Session addToRoster(@PathVariable String id, @Valid @RequestBody RosterChange change) {
		return this.service.addToRoster(id, change.patientId());
	}

	@DeleteMapping("/{id}/roster/{patientId}")
	Session removeFromRoster(@PathVariable String id, @PathVariable String patientId) {
		return this.service.removeFromRoster(id, patientId);
	}

	record RosterChange(@NotBlank @Size(max = 64) String patientId) {
	}

}
