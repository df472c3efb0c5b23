package org.stepwise.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test at the shared {@link TestInfrastructure}:
 * {@code @ContextConfiguration(initializers = InfrastructureInitializer.class)}.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("stepwise-test-infrastructure",
					Map.of("spring.cloud.stream.kafka.binder.brokers", infrastructure.kafkaBootstrapServers(),
							"spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
							"spring.mongodb.uri", infrastructure.mongoUri())));
	}

}
