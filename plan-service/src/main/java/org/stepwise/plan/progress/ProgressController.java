package org.stepwise.plan.progress;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.web.RequestRejectedException;

@RestController
class ProgressController {

	private final PatientProgressRepository repository;

	ProgressController(PatientProgressRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/api/v1/patients/{patientId}/progress")
	PatientProgress progress(@PathVariable String patientId) {
		return this.repository.findById(patientId)
			.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "patient_not_found",
					"No progress recorded for this patient"));
	}

}
