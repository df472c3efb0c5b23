package org.stepwise.plan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Owns programs, treatment plans and the progress picture: folds attendance, check-in and
 * assessment events into one document per patient, evaluates the clinical rules, adjusts
 * intensity within guardrails, and publishes progress assessments, plan changes and
 * recommendations.
 */
@SpringBootApplication
@EnableConfigurationProperties(PlanProperties.class)
public class PlanServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlanServiceApplication.class, args);
	}

}
