package org.stepwise.plan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Owns treatment plans and the progress picture: folds attendance, check-in and
 * assessment events into a projection per patient, evaluates the clinical rules and
 * publishes progress assessments and plan changes.
 */
@SpringBootApplication
public class PlanServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlanServiceApplication.class, args);
	}

}
