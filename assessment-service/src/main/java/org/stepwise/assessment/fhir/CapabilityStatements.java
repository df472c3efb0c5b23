package org.stepwise.assessment.fhir;

import java.util.Date;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What assessment-service's FHIR R4 interface supports ({@code GET /fhir/r4/metadata}):
 * creating QuestionnaireResponses of the questionnaires in {@link FhirQuestionnaires},
 * transaction Bundles of them, and searching Observations by patient.
 */
public final class CapabilityStatements {

	private CapabilityStatements() {
	}

	public static CapabilityStatement assessmentService(String version, Date published) {
		CapabilityStatement statement = new CapabilityStatement();
		statement.setStatus(PublicationStatus.ACTIVE)
			.setDate(published)
			.setKind(CapabilityStatementKind.INSTANCE)
			.setFhirVersion(FHIRVersion._4_0_1)
			.setPublisher("Stepwise")
			.setName("StepwiseAssessmentService")
			.setTitle("Stepwise assessment-service FHIR R4 interface");
		statement.getSoftware().setName("Stepwise assessment-service").setVersion(version);
		statement.getImplementation()
			.setDescription("Instruments and daily check-ins of an Intensive Outpatient Program");
		statement.addFormat("json");
		statement.addFormat(FhirJson.MEDIA_TYPE);
		CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
		rest.setDocumentation("OAuth2 bearer tokens as for the JSON API (docs/security-and-privacy.md); writes take an "
				+ "Idempotency-Key header.");
		rest.addInteraction()
			.setCode(SystemRestfulInteraction.TRANSACTION)
			.setDocumentation(
					"A Bundle of type transaction of QuestionnaireResponse creates, checked as a whole before any is stored");
		CapabilityStatementRestResourceComponent responses = rest.addResource().setType("QuestionnaireResponse");
		responses.addInteraction().setCode(TypeRestfulInteraction.CREATE);
		responses.addInteraction().setCode(TypeRestfulInteraction.READ);
		responses.setDocumentation("Questionnaires accepted (questionnaire element): "
				+ FhirQuestionnaires.ALL.stream()
					.map((form) -> (form.panel() != null) ? form.url() + " or " + FhirQuestionnaires.LOINC + "/q/"
							+ form.panel() + " (LOINC " + form.panel() + ")" : form.url())
					.collect(Collectors.joining(", "))
				+ ". The patient's program: extension " + FhirQuestionnaires.PROGRAM_EXTENSION
				+ " (valueString), or the token's only program.");
		CapabilityStatementRestResourceComponent observations = rest.addResource().setType("Observation");
		observations.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		observations.setDocumentation(
				"Scored instruments as survey Observations; 42 CFR Part 2 data only for tokens " + "that allow it");
		observations.addSearchParam()
			.setName("patient")
			.setType(SearchParamType.REFERENCE)
			.setDocumentation("Required: Patient/<id> or <id>");
		observations.addSearchParam()
			.setName("code")
			.setType(SearchParamType.TOKEN)
			.setDocumentation("A LOINC code of a total score, e.g. http://loinc.org|44261-6, or an instrument, e.g. "
					+ "CHECK_IN");
		observations.addSearchParam()
			.setName("_lastUpdated")
			.setType(SearchParamType.DATE)
			.setDocumentation("ge, gt, le, lt or eq, to the second");
		observations.addSearchParam()
			.setName("_count")
			.setType(SearchParamType.NUMBER)
			.setDocumentation("Page size, 1-100 (default 20); the Bundle's next link pages on");
		return statement;
	}

}
