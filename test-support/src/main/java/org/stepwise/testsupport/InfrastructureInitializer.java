package org.stepwise.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test at the shared {@link TestInfrastructure}:
 * {@code @ContextConfiguration(initializers = InfrastructureInitializer.class)}, and
 * makes its resource server trust {@link TestTokens} (and nothing else).
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		Map<String, Object> properties = new HashMap<>(Map.of("spring.cloud.stream.kafka.binder.brokers",
				infrastructure.kafkaBootstrapServers(), "spring.kafka.bootstrap-servers",
				infrastructure.kafkaBootstrapServers(), "spring.mongodb.uri", infrastructure.mongoUri()));
		// secured for real: tokens from TestTokens, verified against its JWKS
		properties.putAll(TestTokens.resourceServerProperties());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("stepwise-test-infrastructure", properties));
	}

}
