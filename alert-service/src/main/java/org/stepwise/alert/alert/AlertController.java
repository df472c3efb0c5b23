package org.stepwise.alert.alert;

import java.util.EnumSet;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.web.RequestRejectedException;

@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	private final AlertRepository alerts;

	AlertController(AlertRepository alerts) {
		this.alerts = alerts;
	}

	@GetMapping
	List<Alert> list(@RequestParam(required = false) String patientId,
			@RequestParam(required = false) List<AlertStatus> status) {
		EnumSet<AlertStatus> statuses = (status == null || status.isEmpty()) ? EnumSet.allOf(AlertStatus.class)
				: EnumSet.copyOf(status);
		if (patientId != null) {
			return this.alerts.findByPatientIdOrderByRaisedAtDesc(patientId)
				.stream()
				.filter((alert) -> statuses.contains(alert.status()))
				.toList();
		}
		return this.alerts.findByStatusInOrderByRaisedAtDesc(statuses);
	}

	@GetMapping("/{id}")
	Alert get(@PathVariable String id) {
		return this.alerts.findById(id)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "alert_not_found", "No such alert"));
	}

}
