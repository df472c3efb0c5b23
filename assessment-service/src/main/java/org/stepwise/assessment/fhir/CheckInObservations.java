package org.stepwise.assessment.fhir;

import java.math.BigDecimal;
import java.util.Date;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

import org.stepwise.assessment.checkin.CheckIn;
import org.stepwise.assessment.instrument.DailyCheckIn;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.fhir.SecurityLabels;

/**
 * A daily check-in as an R4 survey {@code Observation}: not a scored instrument, so no
 * value and no LOINC code (the Stepwise code {@code CHECK_IN}); each answer a component
 * coded by its item (the JSON field), sleep in hours (UCUM {@code h}); a check-in that
 * reports use is 42 CFR Part 2 data and labelled so. Pure: no Spring, no I/O.
 */
public final class CheckInObservations {

	public static final String ITEM_CODES = FhirQuestionnaires.BASE + "/CodeSystem/check-in-item";

	static final String UCUM = "http://unitsofmeasure.org";

	private CheckInObservations() {
	}

	public static boolean isPart2(CheckIn checkIn) {
		return checkIn.labels().contains(SensitivityLabel.PART2);
	}

	public static Observation of(CheckIn checkIn) {
		Observation observation = new Observation();
		observation.setId(checkIn.id());
		observation.getMeta().setLastUpdated(Date.from(checkIn.recordedAt()));
		if (isPart2(checkIn)) {
			SecurityLabels.part2(observation.getMeta());
		}
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(
				new CodeableConcept(new Coding(AssessmentObservations.OBSERVATION_CATEGORY, "survey", "Survey")));
		observation.setCode(
				new CodeableConcept(new Coding(AssessmentObservations.INSTRUMENT_CODES, "CHECK_IN", DailyCheckIn.TITLE))
					.setText(DailyCheckIn.TITLE));
		observation.setSubject(new Reference("Patient/" + checkIn.patientId()));
		observation.setEffective(new DateTimeType(Date.from(checkIn.occurredAt())));
		observation.setIssued(Date.from(checkIn.recordedAt()));
		add(observation, "mood", new IntegerType(checkIn.mood()));
		add(observation, "craving", new IntegerType(checkIn.craving()));
		add(observation, "usedSinceLastCheckIn", new BooleanType(checkIn.usedSinceLastCheckIn()));
		checkIn.substances().forEach((substance) -> add(observation, "substances", new StringType(substance)));
		add(observation, "sleepHours", hours(checkIn.sleepHours()));
		add(observation, "stress", new IntegerType(checkIn.stress()));
		add(observation, "medicationTakenAsPrescribed", new BooleanType(checkIn.medicationTakenAsPrescribed()));
		// the early-warning items are left out when skipped
		add(observation, "confidence", (checkIn.confidence() != null) ? new IntegerType(checkIn.confidence()) : null);
		add(observation, "highRiskSituation",
				(checkIn.highRiskSituation() != null) ? new BooleanType(checkIn.highRiskSituation()) : null);
		add(observation, "highRiskCategory",
				(checkIn.highRiskCategory() != null)
						? new CodeableConcept(new Coding(FhirQuestionnaires.BASE + "/CodeSystem/high-risk-category",
								checkIn.highRiskCategory().name(), null))
						: null);
		return observation;
	}

	private static Quantity hours(BigDecimal hours) {
		return new Quantity().setValue(hours).setUnit("h").setSystem(UCUM).setCode("h");
	}

	private static void add(Observation observation, String item, @Nullable Type value) {
		if (value != null) {
			observation.addComponent().setCode(new CodeableConcept(new Coding(ITEM_CODES, item, null))).setValue(value);
		}
	}

}
