package org.stepwise.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SchemaBaseValidator;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validation against base FHIR R4 with what HAPI offers on Maven Central here (its
 * instance validator, hapi-fhir-validation, is not served): the official R4 XML schemas
 * (structure, cardinality, data types, required code values; HAPI's
 * {@link SchemaBaseValidator}) and every error-level invariant (FHIRPath constraint) of
 * the resource's base StructureDefinition, evaluated with HAPI's FHIRPath engine. Not
 * checked: invariants of the data types inside, terminology bindings other than required
 * codes, and US Core profiles (no US Core package is reachable).
 */
public final class R4Validation {

	private static final DefaultProfileValidationSupport DEFINITIONS = new DefaultProfileValidationSupport(FhirJson.R4);

	private static final FHIRPathEngine FHIRPATH = new FHIRPathEngine(new HapiWorkerContext(FhirJson.R4, DEFINITIONS));

	private R4Validation() {
	}

	/** Every error found, as "where: what"; empty when the resource is valid. */
	public static List<String> errors(Resource resource) {
		List<String> errors = new ArrayList<>();
		FhirValidator schemas = FhirJson.R4.newValidator();
		schemas.registerValidatorModule(new SchemaBaseValidator(FhirJson.R4));
		schemas.validateWithResult(resource)
			.getMessages()
			.stream()
			.filter((message) -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.forEach((message) -> errors.add("schema " + message.getLocationString() + ": " + message.getMessage()));
		StructureDefinition definition = (StructureDefinition) DEFINITIONS
			.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/" + resource.fhirType());
		for (ElementDefinition element : definition.getSnapshot().getElement()) {
			for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
				if (constraint.getSeverity() != ElementDefinition.ConstraintSeverity.ERROR
						|| !constraint.hasExpression()) {
					continue;
				}
				String path = element.getPath().replace("[x]", "");
				List<Base> focus = path.equals(resource.fhirType()) ? List.of(resource)
						: FHIRPATH.evaluate(resource, path);
				for (Base node : focus) {
					if (!FHIRPATH.evaluateToBoolean(resource, resource, node, constraint.getExpression())) {
						errors.add(constraint.getKey() + " at " + path + ": " + constraint.getHuman());
					}
				}
			}
		}
		return errors;
	}

}
