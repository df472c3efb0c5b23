package org.stepwise.alert.alert;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step-down inhibitors name alert kinds that exist (issue 18): the default names the
 * kinds deterioration is raised as, and a configuration naming an unknown kind stops the
 * service at start-up instead of silently inhibiting nothing.
 */
class AlertPropertiesTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void byDefaultDeteriorationSafetyAndRiskInhibitStepDown() {
		this.context.run((started) -> assertThat(started.getBean(AlertProperties.class).stepDownInhibitors())
			.extracting(Object::toString)
			.containsExactlyInAnyOrder("SAFETY", "RELAPSE_RISK", "DISENGAGEMENT", "SUBSTANCE_USE",
					"DEPRESSION_WORSENING", "ANXIETY_WORSENING"));
	}

	@Test
	void aKindNoServiceRaisesFailsTheStartWithAClearMessage() {
		this.context.withPropertyValues("stepwise.alerts.step-down-inhibitors=SAFETY,DETERIORATION").run((started) -> {
			assertThat(started).hasFailed();
			// the binding failure names the property, its cause the value
			assertThat(started.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'stepwise.alerts.step-down-inhibitors'")
				.rootCause()
				.hasMessageContaining("No enum constant")
				.hasMessageContaining("DETERIORATION");
		});
	}

	@Test
	void theKindsMayBeWrittenAsInTheEvents() {
		this.context.withPropertyValues("stepwise.alerts.step-down-inhibitors=SAFETY,ANXIETY_WORSENING")
			.run((started) -> assertThat(started.getBean(AlertProperties.class).stepDownInhibitors())
				.extracting(Object::toString)
				.containsExactlyInAnyOrder("SAFETY", "ANXIETY_WORSENING"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertProperties.class)
	static class Properties {

	}

}
