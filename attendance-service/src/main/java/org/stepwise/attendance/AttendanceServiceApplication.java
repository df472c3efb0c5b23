package org.stepwise.attendance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Owns scheduled sessions and attendance records; publishes them on
 * {@code stepwise.attendance.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AttendanceServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AttendanceServiceApplication.class, args);
	}

}
