package org.stepwise.fhir;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller as a FHIR R4 interface: what it refuses is answered as an
 * {@code OperationOutcome} ({@link FhirErrors}), not as problem details.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FhirApi {

}
