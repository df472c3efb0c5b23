package org.stepwise.assessment.fhir;

import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.fhir.FhirQuestionnaires.Form;
import org.stepwise.assessment.instrument.InstrumentDefinition;
import org.stepwise.assessment.instrument.Instruments;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.fhir.SecurityLabels;

/**
 * A scored instrument as an R4 survey {@code Observation}: the LOINC code of its total
 * (docs/clinical-rules.md section 2) where it has one, the total as the value, each item
 * as a component (LOINC-coded where Stepwise knows the item's code), the band as the
 * interpretation, the safety level as a component, and, for 42 CFR Part 2 data, its
 * security labels. Pure: no Spring, no I/O.
 */
public final class AssessmentObservations {

	public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	/** Stepwise's own codes, where LOINC has none Stepwise uses. */
	public static final String INSTRUMENT_CODES = FhirQuestionnaires.BASE + "/CodeSystem/instrument";

	public static final String ITEM_CODES = FhirQuestionnaires.BASE + "/CodeSystem/instrument-item";

	public static final String BAND_CODES = FhirQuestionnaires.BASE + "/CodeSystem/band";

	public static final String SAFETY_CODES = FhirQuestionnaires.BASE + "/CodeSystem/safety-level";

	private final Instruments instruments;

	public AssessmentObservations(Instruments instruments) {
		this.instruments = instruments;
	}

	/** Whether the Observation of this assessment is 42 CFR Part 2 data. */
	public static boolean isPart2(AssessmentRecord assessment) {
		return assessment.labels().contains(SensitivityLabel.PART2);
	}

	public Observation of(AssessmentRecord assessment) {
		InstrumentDefinition definition = this.instruments.get(assessment.instrument());
		Optional<Form> form = FhirQuestionnaires.byInstrument(assessment.instrument());
		Observation observation = new Observation();
		observation.setId(assessment.id());
		observation.getMeta().setLastUpdated(Date.from(assessment.recordedAt()));
		if (isPart2(assessment)) {
			SecurityLabels.part2(observation.getMeta());
		}
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
		CodeableConcept code = new CodeableConcept().setText(definition.title());
		definition.loinc().ifPresent((loinc) -> code.addCoding(new Coding(FhirQuestionnaires.LOINC, loinc, null)));
		code.addCoding(new Coding(INSTRUMENT_CODES, assessment.instrument().name(), definition.title()));
		observation.setCode(code);
		observation.setSubject(new Reference("Patient/" + assessment.patientId()));
		observation.setEffective(new DateTimeType(Date.from(assessment.occurredAt())));
		observation.setIssued(Date.from(assessment.recordedAt()));
		if (assessment.total() != null) {
			observation.setValue(new IntegerType(assessment.total()));
		}
		observation.addInterpretation(new CodeableConcept(new Coding(BAND_CODES, assessment.band(), assessment.band()))
			.setText(assessment.band()));
		assessment.items()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(AssessmentObservations::itemOrder)))
			.forEach((item) -> observation.addComponent()
				.setCode(itemCode(assessment, form, item.getKey()))
				.setValue(new IntegerType(item.getValue())));
		observation.addComponent()
			.setCode(new CodeableConcept(new Coding(SAFETY_CODES, "safety-level", "Safety level")))
			.setValue(new CodeableConcept(
					new Coding(SAFETY_CODES, assessment.safety().name(), assessment.safety().name())));
		return observation;
	}

	private static CodeableConcept itemCode(AssessmentRecord assessment, Optional<Form> form, String item) {
		CodeableConcept code = new CodeableConcept().setText("Item " + item);
		form.flatMap((f) -> f.linkIds(item).stream().filter((linkId) -> linkId.contains("-")).findFirst())
			.ifPresent((loinc) -> code.addCoding(new Coding(FhirQuestionnaires.LOINC, loinc, null)));
		code.addCoding(new Coding(ITEM_CODES, assessment.instrument().name() + "-" + item, null));
		return code;
	}

	/** Items in their numeric order ("2" before "10"), then others ("7A") by name. */
	private static String itemOrder(String item) {
		String digits = item.replaceAll("\\D.*$", "");
		return (digits.isEmpty() ? "" : "%04d".formatted(Integer.parseInt(digits))) + item;
	}

}
