package org.stepwise.plan.fhir;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

import org.stepwise.fhir.CapabilityStatements;

/**
 * What plan-service's FHIR R4 interface supports ({@code GET /fhir/r4/metadata}), read
 * only: CarePlan (read, vread of a plan version, search by patient) and EpisodeOfCare
 * (read, search by patient).
 */
public final class PlanCapabilities {

	private PlanCapabilities() {
	}

	public static CapabilityStatement of(ObjectProvider<BuildProperties> build) {
		CapabilityStatement statement = CapabilityStatements.server("StepwisePlanService",
				"Stepwise plan-service FHIR R4 interface",
				"Treatment plans and episodes of care of an Intensive Outpatient Program", build);
		CapabilityStatement.CapabilityStatementRestComponent rest = CapabilityStatements.rest(statement);
		CapabilityStatementRestResourceComponent carePlans = rest.addResource().setType("CarePlan");
		carePlans.addInteraction().setCode(TypeRestfulInteraction.READ);
		carePlans.addInteraction().setCode(TypeRestfulInteraction.VREAD);
		carePlans.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		carePlans.setVersioning(ResourceVersionPolicy.VERSIONED);
		carePlans.setReadHistory(true);
		carePlans.setDocumentation("A patient's treatment plan (id: the patient's id): the ASAM level of care, hours "
				+ "and sessions a week, modalities, phase; meta.versionId is the plan version (vread: "
				+ "CarePlan/<id>/_history/<version>). 42 CFR Part 2 data (plans of programs that treat substance "
				+ "use) only for tokens with the scope stepwise.part2.");
		CapabilityStatements.patientSearch(carePlans);
		CapabilityStatementRestResourceComponent episodes = rest.addResource().setType("EpisodeOfCare");
		episodes.addInteraction().setCode(TypeRestfulInteraction.READ);
		episodes.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		episodes.setVersioning(ResourceVersionPolicy.VERSIONED);
		episodes.setDocumentation("A patient's episode of care in the program (id: the patient's id): active in "
				+ "treatment, finished from the discharge to aftercare, the ASAM level of care and phase as its type. "
				+ "42 CFR Part 2 data as for CarePlan.");
		CapabilityStatements.patientSearch(episodes);
		return statement;
	}

}
