package org.stepwise.alert.alert;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	private final AlertRepository alerts;

	private final AlertLifecycle lifecycle;

	private final AlertStream stream;

	AlertController(AlertRepository alerts, AlertLifecycle lifecycle, AlertStream stream) {
		this.alerts = alerts;
		this.lifecycle = lifecycle;
		this.stream = stream;
	}

	/** Alerts, most severe first, then newest; filters combine. */
	@GetMapping
	List<Alert> list(@RequestParam(required = false) @Nullable String patientId,
			@RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable List<AlertStatus> status,
			@RequestParam(required = false) @Nullable List<Severity> severity,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String clinicianId) {
		EnumSet<AlertStatus> statuses = (status == null || status.isEmpty()) ? EnumSet.allOf(AlertStatus.class)
				: EnumSet.copyOf(status);
		List<Alert> candidates = (patientId != null) ? this.alerts.findByPatientIdOrderByRaisedAtDesc(patientId)
				: this.alerts.findByStatusInOrderByRaisedAtDesc(statuses);
		return candidates.stream()
			.filter((alert) -> statuses.contains(alert.status()))
			.filter((alert) -> programId == null || programId.equals(alert.programId()))
			.filter((alert) -> severity == null || severity.isEmpty() || severity.contains(alert.severity()))
			.filter((alert) -> kind == null || kind.equals(alert.kind()))
			.filter((alert) -> clinicianId == null || alert.routedTo(clinicianId))
			.sorted(Comparator.comparing(Alert::severity)
				.reversed()
				.thenComparing(Alert::raisedAt, Comparator.reverseOrder()))
			.toList();
	}

	@GetMapping("/{id}")
	Alert get(@PathVariable String id) {
		return this.lifecycle.get(id);
	}

	@PostMapping("/{id}/acknowledge")
	Alert acknowledge(@PathVariable String id, @Valid @RequestBody Step step) {
		return this.lifecycle.acknowledge(id, step.by(), step.note());
	}

	@PostMapping("/{id}/resolve")
	Alert resolve(@PathVariable String id, @Valid @RequestBody Step step) {
		return this.lifecycle.resolve(id, step.by(), step.note());
	}

	/**
	 * Live alert changes as Server-Sent Events named {@code alert}, for one program, one
	 * clinician (alerts whose care team includes them or escalated to them), both, or
	 * all.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable String clinicianId) {
		return this.stream.subscribe(programId, clinicianId);
	}

	/**
	 * Who takes the step (a clinician id until tokens carry it) and an optional note,
	 * kept with the alert only.
	 */
	record Step(@NotBlank @Size(max = 64) String by, @Nullable @Size(max = 2000) String note) {
	}

}
