package org.stepwise.fhir;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Registers the OperationOutcome answers of every {@link FhirApi} controller. */
@AutoConfiguration
@ConditionalOnWebApplication
public class FhirAutoConfiguration {

	@Bean
	FhirErrors fhirErrors(MeterRegistry meters) {
		return new FhirErrors(meters);
	}

}
