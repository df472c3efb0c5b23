package org.stepwise.alert.timeline;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

	private final Timeline timeline;

	TimelineController(Timeline timeline) {
		this.timeline = timeline;
	}

	/** A patient's PHQ-9 and GAD-7 totals and attendance, oldest first. */
	@GetMapping("/api/v1/patients/{patientId}/timeline")
	List<TimelineEntry> timeline(@PathVariable String patientId) {
		return this.timeline.of(patientId);
	}

}
