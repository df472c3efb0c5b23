package org.stepwise.alert.console;

import java.util.EnumSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;

/**
 * The console's reads of alerts: the same alerts, scope and audit as
 * {@code /api/v1/alerts}, in words and with the program's time zone ({@link AlertView}).
 * Acknowledging and resolving go to the API itself.
 */
@RestController
class ConsoleAlerts {

	private final AlertRepository alerts;

	private final AlertScope scope;

	private final Programs programs;

	ConsoleAlerts(AlertRepository alerts, AlertScope scope, Programs programs) {
		this.alerts = alerts;
		this.scope = scope;
		this.programs = programs;
	}

	/**
	 * Visible alerts in the given statuses (all when none), of one patient if asked, most
	 * severe first, then newest.
	 */
	@GetMapping("/console/alerts")
	List<AlertView> list(Caller caller, @RequestParam(required = false) @Nullable List<AlertStatus> status,
			@RequestParam(required = false) @Nullable String patientId) {
		EnumSet<AlertStatus> statuses = (status == null || status.isEmpty()) ? EnumSet.allOf(AlertStatus.class)
				: EnumSet.copyOf(status);
		List<Alert> matching = this.alerts.listed(patientId, caller.programs(), statuses);
		return this.scope.visible(caller, "alert.read", patientId, matching).stream().map(this::view).toList();
	}

	@GetMapping("/console/alerts/{id}")
	AlertView one(Caller caller, @PathVariable String id) {
		Alert alert = this.alerts.findById(id).orElseThrow(NotVisibleException::new);
		return view(this.scope.requireVisible(caller, "alert.read", alert));
	}

	private AlertView view(Alert alert) {
		return AlertView.of(alert, Wording.zone(this.programs.zone(alert.programId())));
	}

}
