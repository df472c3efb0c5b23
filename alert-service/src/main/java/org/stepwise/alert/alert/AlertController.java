package org.stepwise.alert.alert;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;

@RestController
@Tag(name = "alerts",
		description = "Alerts for the care team: the inbox, acknowledgement, resolution and the live stream")
@RequestMapping("/api/v1/alerts")
class AlertController {

	private final AlertRepository alerts;

	private final AlertLifecycle lifecycle;

	private final AlertStream stream;

	private final AlertScope scope;

	AlertController(AlertRepository alerts, AlertLifecycle lifecycle, AlertStream stream, AlertScope scope) {
		this.alerts = alerts;
		this.lifecycle = lifecycle;
		this.stream = stream;
		this.scope = scope;
	}

	/**
	 * The alerts the caller may see ({@link AlertScope}), most severe first, then newest;
	 * filters combine. Read from the store by patient, or by the caller's programs and
	 * the statuses asked for (indexed, see {@link Alert}). Every patient in the answer is
	 * audited.
	 */
	@Operation(
			summary = "The alerts visible to the caller, most severe first, filtered by program, patient, clinician, status, severity or kind")
	@GetMapping
	List<Alert> list(Caller caller, @RequestParam(required = false) @Nullable String patientId,
			@RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable List<AlertStatus> status,
			@RequestParam(required = false) @Nullable List<Severity> severity,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String clinicianId) {
		EnumSet<AlertStatus> statuses = (status == null || status.isEmpty()) ? EnumSet.allOf(AlertStatus.class)
				: EnumSet.copyOf(status);
		Set<String> programs = (programId == null) ? caller.programs()
				: caller.inProgram(programId) ? Set.of(programId) : Set.of();
		List<Alert> matching = this.alerts.listed(patientId, programs, statuses)
			.stream()
			.filter((alert) -> programId == null || programId.equals(alert.programId()))
			.filter((alert) -> severity == null || severity.isEmpty() || severity.contains(alert.severity()))
			.filter((alert) -> kind == null || kind.equals(alert.kind()))
			.filter((alert) -> clinicianId == null || alert.routedTo(clinicianId))
			.toList();
		return this.scope.visible(caller, "alert.read", patientId, matching);
	}

	@Operation(summary = "Read an alert with its history")
	@ApiResponse(responseCode = "404", description = "No such alert (or not visible to the caller)")
	@GetMapping("/{id}")
	Alert get(Caller caller, @PathVariable String id) {
		return this.scope.requireVisible(caller, "alert.read", this.lifecycle.get(id));
	}

	@Operation(summary = "Acknowledge an alert")
	@ApiResponse(responseCode = "404", description = "No such alert (or not visible to the caller)")
	@PostMapping("/{id}/acknowledge")
	Alert acknowledge(Caller caller, @PathVariable String id,
			@Valid @RequestBody(required = false) @Nullable Step step) {
		this.scope.requireVisible(caller, "alert.acknowledge", this.lifecycle.get(id));
		return this.lifecycle.acknowledge(id, AlertScope.actor(caller), (step != null) ? step.note() : null);
	}

	@Operation(summary = "Resolve an alert, with a note")
	@ApiResponse(responseCode = "404", description = "No such alert (or not visible to the caller)")
	@PostMapping("/{id}/resolve")
	Alert resolve(Caller caller, @PathVariable String id, @Valid @RequestBody(required = false) @Nullable Step step) {
		this.scope.requireVisible(caller, "alert.resolve", this.lifecycle.get(id));
		return this.lifecycle.resolve(id, AlertScope.actor(caller), (step != null) ? step.note() : null);
	}

	/**
	 * Live alert changes as Server-Sent Events named {@code alert}, only those the caller
	 * may see ({@link AlertScope}), optionally narrowed to one program and/or one
	 * clinician (alerts whose care team includes them or escalated to them). A program
	 * not in the caller's token: 404. A clinician may ask only for their own clinician id
	 * (404 otherwise); a program admin for any clinician of their programs. Opening the
	 * stream and every alert sent on it are audited.
	 */
	@Operation(summary = "Alerts as they open, change and close (Server-Sent Events)")
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(Caller caller, @RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable String clinicianId) {
		boolean ownClinician = clinicianId == null || caller.has(Role.PROGRAM_ADMIN)
				|| caller.clinicianId().map(clinicianId::equals).orElse(false);
		if (programId != null) {
			this.scope.requireProgram(caller, "alert.stream", programId, ownClinician && caller.inProgram(programId));
		}
		else {
			caller.programs()
				.forEach((program) -> this.scope.requireProgram(caller, "alert.stream", program, ownClinician));
		}
		return this.stream.subscribe(programId, clinicianId, (alert) -> {
			if (!AlertScope.canSee(caller, alert)) {
				return false;
			}
			this.scope.delivered(caller, "alert.stream", alert);
			return true;
		});
	}

	/**
	 * A note, kept with the alert only (never in events, logs or problem responses):
	 * optional, except that resolving a CRITICAL or HIGH alert needs one of at least a
	 * few words, and only once it is acknowledged ({@link AlertLifecycle}). Who takes the
	 * step is the caller (the token's clinician id, or its subject), never a body field:
	 * a {@code by} sent by older clients is ignored.
	 */
	record Step(@Nullable @Size(max = 2000) String note) {
	}

}
