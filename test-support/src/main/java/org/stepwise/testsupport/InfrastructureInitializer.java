package org.stepwise.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points a Spring Boot test at the shared {@link TestInfrastructure}:
 * {@code @ContextConfiguration(initializers = InfrastructureInitializer.class)}, and
 * makes its resource server trust {@link TestTokens} (and nothing else); lets tests see
 * the service's store writes ({@link StoreWrites}).
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
		if (ClassUtils.isPresent(MONGO_CUSTOMIZER, context.getClassLoader())) {
			StoreWritesRegistration.register(context);
		}
	}

	private static final String MONGO_CUSTOMIZER = "org.springframework.boot.mongodb.autoconfigure."
			+ "MongoClientSettingsBuilderCustomizer";

	/** Apart, so a test without Spring Boot's MongoDB support never loads its types. */
	private static final class StoreWritesRegistration {

		static void register(ConfigurableApplicationContext context) {
			context.getBeanFactory()
				.registerSingleton("stepwiseStoreWrites", (MongoClientSettingsBuilderCustomizer) (settings) -> settings
					.addCommandListener(StoreWrites.LISTENER));
		}

	}

}
