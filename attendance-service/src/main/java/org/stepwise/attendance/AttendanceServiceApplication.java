package org.stepwise.attendance;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Owns scheduled sessions and attendance records; publishes them on
 * {@code stepwise.attendance.v1}.
 */
@OpenAPIDefinition(info = @Info(title = "Stepwise attendance-service: therapy sessions and who attended them",
		description = "Schedules an Intensive Outpatient Program's therapy sessions (single or weekly series, in the program's time zone) with their rosters, records attendance for each patient (attended, late, left early, excused or not, no-show) and its corrections, and summarises a patient's attended hours. Every change is published on the Kafka topic stepwise.attendance.v1 for plan-service. Writes come from the program's scheduler or EHR (ingest role) and accept an Idempotency-Key; reads are for the patient's care team. Errors are RFC 9457 problem documents."))
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AttendanceServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AttendanceServiceApplication.class, args);
	}

}
