package org.stepwise.alert.timeline;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.platform.security.Caller;

@RestController
@Tag(name = "timeline", description = "A patient's clinical timeline: plan versions, signals and alerts in order")
class TimelineController {

	private final Timeline timeline;

	private final AlertScope scope;

	TimelineController(Timeline timeline, AlertScope scope) {
		this.timeline = timeline;
		this.scope = scope;
	}

	/**
	 * A patient's PHQ-9, GAD-7 and EDE-QS totals, attendance, check-ins (craving, mood,
	 * confidence) and weights and heart rates, oldest first: scoped like every patient
	 * read (program admins of the program, clinicians on the care team) and audited;
	 * empty if none of the patient's entries is visible.
	 */
	@Operation(summary = "A patient's timeline of plan changes, signals and alerts")
	@GetMapping("/api/v1/patients/{patientId}/timeline")
	List<TimelineEntry> timeline(Caller caller, @PathVariable String patientId) {
		return this.scope.readPatient(caller, "timeline.read", patientId, this.timeline.of(patientId),
				TimelineEntry::programId);
	}

}
