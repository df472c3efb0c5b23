package org.stepwise.assessment.instrument;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The instruments, with the configurable part of their rules (docs/clinical-rules.md
 * defaults).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InstrumentsConfiguration.SafetyProperties.class)
class InstrumentsConfiguration {

	@Bean
	Instruments instruments(SafetyProperties safety) {
		return new Instruments(new Phq9.Item9Thresholds(safety.phq9Item9ReviewFrom(), safety.phq9Item9UrgentFrom()));
	}

	/**
	 * S1: PHQ-9 item 9 from which a same-day safety review (HIGH) and an urgent one
	 * (CRITICAL) are flagged.
	 */
	@ConfigurationProperties("stepwise.safety")
	record SafetyProperties(@DefaultValue("1") int phq9Item9ReviewFrom, @DefaultValue("2") int phq9Item9UrgentFrom) {
	}

}
