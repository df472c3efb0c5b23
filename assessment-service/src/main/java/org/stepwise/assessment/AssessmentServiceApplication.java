package org.stepwise.assessment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Owns check-ins and standardized assessments: validates and scores them at the source,
 * flags safety concerns, and publishes them on {@code stepwise.checkins.v1} and
 * {@code stepwise.assessments.v1}.
 */
@SpringBootApplication
public class AssessmentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssessmentServiceApplication.class, args);
	}

}
