package org.stepwise.plan.progress;

import org.springframework.boot.data.mongodb.autoconfigure.DataMongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * The mapping's conversions: Spring Boot's (with the configured BigDecimal
 * representation, as its own bean maps it), plus the projection's compact stored form,
 * see {@link StoredProjections}.
 */
@Configuration(proxyBeanMethods = false)
class PatientStorage {

	@Bean
	MongoCustomConversions mongoCustomConversions(DataMongoProperties properties) {
		StoredProjections projections = new StoredProjections();
		return MongoCustomConversions.create((adapter) -> {
			if (properties.getRepresentation().getBigDecimal() != null) {
				adapter.bigDecimal(properties.getRepresentation().getBigDecimal());
			}
			adapter.registerConverters(projections.converters());
		});
	}

}
