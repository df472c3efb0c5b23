package org.stepwise.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/**
 * The frame of a service's CapabilityStatement ({@code GET /fhir/r4/metadata}): the
 * service adds its resources to the one server {@code rest} component.
 */
public final class CapabilityStatements {

	private CapabilityStatements() {
	}

	/**
	 * @param name a computer-friendly name, e.g. {@code StepwiseAssessmentService}
	 * @param build the build's version and time (the statement changes with the build
	 * only); "dev" and now without one
	 */
	public static CapabilityStatement server(String name, String title, String description,
			ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		CapabilityStatement statement = new CapabilityStatement();
		statement.setStatus(PublicationStatus.ACTIVE)
			.setDate(
					(properties != null && properties.getTime() != null) ? Date.from(properties.getTime()) : new Date())
			.setKind(CapabilityStatementKind.INSTANCE)
			.setFhirVersion(FHIRVersion._4_0_1)
			.setPublisher("Stepwise")
			.setName(name)
			.setTitle(title);
		statement.getSoftware().setName(title).setVersion((properties != null) ? properties.getVersion() : "dev");
		statement.getImplementation().setDescription(description);
		statement.addFormat("json");
		statement.addFormat(FhirJson.MEDIA_TYPE);
		statement.addRest()
			.setMode(RestfulCapabilityMode.SERVER)
			.setDocumentation("OAuth2 bearer tokens as for the JSON API (docs/security-and-privacy.md); writes, where "
					+ "this server has any, take an Idempotency-Key header; 42 CFR Part 2 data only for tokens with the "
					+ "scope " + Part2Consent.SCOPE + ".");
		return statement;
	}

	/** The search parameters of {@link FhirSearch}. */
	public static CapabilityStatementRestResourceComponent patientSearch(
			CapabilityStatementRestResourceComponent resource) {
		resource.addSearchParam()
			.setName("patient")
			.setType(SearchParamType.REFERENCE)
			.setDocumentation("Required: Patient/<id> or <id>");
		resource.addSearchParam()
			.setName("_lastUpdated")
			.setType(SearchParamType.DATE)
			.setDocumentation("ge, gt, le, lt or eq, to the second");
		resource.addSearchParam()
			.setName("_count")
			.setType(SearchParamType.NUMBER)
			.setDocumentation("Page size, 1-" + FhirSearch.MAX_COUNT + " (default " + FhirSearch.DEFAULT_COUNT
					+ "); the Bundle's next link pages on");
		resource.addSearchParam()
			.setName("_offset")
			.setType(SearchParamType.NUMBER)
			.setDocumentation("Where the page starts, as the next link gives it");
		return resource;
	}

	/** The one server {@code rest} component of a statement made by {@link #server}. */
	public static CapabilityStatementRestComponent rest(CapabilityStatement statement) {
		return statement.getRestFirstRep();
	}

}
