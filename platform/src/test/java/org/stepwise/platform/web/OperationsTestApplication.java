package org.stepwise.platform.web;

import java.util.Map;

import org.bson.Document;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.ApiAccessRules;

/**
 * A service as small as it gets, with the platform's whole web stack (security, problem
 * details, Tomcat settings): one write of a patient's note to the store.
 */
@SpringBootApplication
class OperationsTestApplication {

	static final String NOTES = "/api/v1/patients/{patientId}/notes";

	@Bean
	ApiAccessRules notesAccess() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/patients/*/notes").authenticated();
	}

	@RestController
	static class Notes {

		private final MongoTemplate mongo;

		Notes(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		@PostMapping(NOTES)
		@ResponseStatus(HttpStatus.CREATED)
		Map<String, String> add(@PathVariable String patientId, @RequestBody Map<String, String> note) {
			this.mongo.insert(new Document("patientId", patientId).append("text", note.get("text")), "notes");
			return Map.of("status", "stored");
		}

	}

}
