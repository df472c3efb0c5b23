package org.stepwise.alert.console;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the instruments and the daily check-in ask, from assessment-service (which owns
 * their wording and sources), so the patient page says what each chart line is the answer
 * to.
 */
@RestController
class InstrumentsProxy {

	private final ServiceRelay assessmentService;

	InstrumentsProxy(@Value("${stepwise.console.assessment-service-url:http://127.0.0.1:8082}") String baseUrl,
			JsonMapper json) {
		this.assessmentService = new ServiceRelay(baseUrl, "assessment service", json);
	}

	@GetMapping("/console/instruments")
	ResponseEntity<?> instruments() {
		return this.assessmentService.get("/api/v1/instruments", ServiceRelay.Decoration.NONE);
	}

}
