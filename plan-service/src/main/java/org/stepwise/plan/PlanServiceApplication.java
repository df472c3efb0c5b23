package org.stepwise.plan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

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
