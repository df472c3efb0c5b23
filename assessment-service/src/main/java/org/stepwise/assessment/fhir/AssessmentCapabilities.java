package org.stepwise.assessment.fhir;

import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

import org.stepwise.fhir.CapabilityStatements;

/**
 * What assessment-service's FHIR R4 interface supports ({@code GET /fhir/r4/metadata}):
 * creating QuestionnaireResponses of the questionnaires in {@link FhirQuestionnaires},
 * transaction Bundles of them, and searching Observations by patient.
 */
public final class AssessmentCapabilities {

	private AssessmentCapabilities() {
	}

	public static CapabilityStatement of(ObjectProvider<BuildProperties> build) {
		CapabilityStatement statement = CapabilityStatements.server("StepwiseAssessmentService",
				"Stepwise assessment-service FHIR R4 interface",
				"Instruments and daily check-ins of an Intensive Outpatient Program", build);
		CapabilityStatementRestComponent rest = CapabilityStatements.rest(statement);
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
		CapabilityStatements.patientSearch(observations)
			.addSearchParam()
			.setName("code")
			.setType(SearchParamType.TOKEN)
			.setDocumentation("A LOINC code of a total score, e.g. http://loinc.org|44261-6, or an instrument, e.g. "
					+ "CHECK_IN");
		return statement;
	}

}
