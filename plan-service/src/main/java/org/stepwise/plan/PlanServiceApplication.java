package org.stepwise.plan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import org.stepwise.plan.progress.domain.LapseRiskModel;

/**
 * Owns programs, treatment plans and the progress picture: folds attendance, check-in and
 * assessment events into one document per patient, evaluates the clinical rules, adjusts
 * intensity within guardrails, and publishes progress assessments, plan changes and
 * recommendations.
 */
@OpenAPIDefinition(info = @Info(title = "Stepwise plan-service: treatment plans that follow each patient's progress",
		description = "Keeps each patient's treatment plan (ASAM level of care, weekly hours, sessions, modalities) as versioned history, evaluates the clinical signals (attendance, check-ins, assessments, relapse risk, step-down readiness) from the attendance and assessment topics, and steps care up or down within clinician-set guardrails: automatically, or as recommendations for a clinician to approve or decline. Publishes plans on stepwise.plans.v1 and progress on stepwise.progress.v1. Writes accept an Idempotency-Key. Errors are RFC 9457 problem documents."))
@SpringBootApplication
@EnableConfigurationProperties(PlanProperties.class)
public class PlanServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlanServiceApplication.class, args);
	}

	/** The early-warning model the configuration names (a bad file stops the start). */
	@Bean
	LapseRiskModel lapseRiskModel(PlanProperties properties, ResourceLoader resources) throws IOException {
		Properties model = new Properties();
		try (InputStream in = resources.getResource(properties.lapseRiskModel()).getInputStream()) {
			model.load(in);
		}
		return LapseRiskModel.of(model);
	}

}
