package org.stepwise.assessment;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Owns check-ins and standardized assessments: validates and scores them at the source,
 * flags safety concerns, and publishes them on {@code stepwise.checkins.v1} and
 * {@code stepwise.assessments.v1}.
 */
@OpenAPIDefinition(info = @Info(
		title = "Stepwise assessment-service: check-ins and standardized instruments, scored at the source",
		description = "Takes patients' daily check-ins and standardized instruments (PHQ-9, GAD-7, AUDIT-C, DAST-10, BAM, PACS, C-SSRS screener, urine drug screens), refuses incomplete ones, scores and bands them by the published rules, flags safety concerns at once (PHQ-9 item 9, C-SSRS) and publishes them on stepwise.checkins.v1 and stepwise.assessments.v1. GET /api/v1/instruments says what each instrument asks and how it is scored. Writes accept an Idempotency-Key. Errors are RFC 9457 problem documents."))
@SpringBootApplication
public class AssessmentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssessmentServiceApplication.class, args);
	}

}
