package org.stepwise.alert;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Owns alerts: turns progress assessments, plan recommendations and safety flags into
 * alerts for the patient's care team, with a lifecycle, de-duplication, escalation and
 * live delivery.
 */
@OpenAPIDefinition(info = @Info(title = "Stepwise alert-service: alerts for the care team, and the clinician console",
		description = "Turns plan-service's progress and assessment-service's safety flags into alerts for a patient's care team (safety, relapse risk, disengagement, deterioration, step-down readiness), with acknowledgement and resolution, a live stream (Server-Sent Events), webhook deliveries and a patient timeline. Also serves the clinician console at /. Errors are RFC 9457 problem documents."))
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AlertServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AlertServiceApplication.class, args);
	}

}
