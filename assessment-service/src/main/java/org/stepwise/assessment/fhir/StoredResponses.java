package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.checkin.CheckIn;
import org.stepwise.assessment.fhir.FhirQuestionnaires.Form;
import org.stepwise.fhir.SecurityLabels;

/**
 * A stored assessment or check-in as the QuestionnaireResponse it was (or could have
 * been) submitted as, for {@code GET /fhir/r4/QuestionnaireResponse/{id}}: the Stepwise
 * questionnaire, the item's LOINC code as linkId where there is one, the answers as
 * scored (AUDIT-C's sex is not stored, so not returned), and Part 2 labels. Pure.
 */
public final class StoredResponses {

	private StoredResponses() {
	}

	public static QuestionnaireResponse of(AssessmentRecord assessment) {
		Form form = FhirQuestionnaires.byInstrument(assessment.instrument())
			.orElseThrow(() -> new IllegalArgumentException("No FHIR questionnaire for " + assessment.instrument()));
		QuestionnaireResponse response = response(assessment.id(), form, assessment.programId(), assessment.patientId(),
				assessment.occurredAt(), assessment.recordedAt(), AssessmentObservations.isPart2(assessment));
		assessment.items()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparingInt(Integer::parseInt)))
			.forEach((item) -> answer(response,
					form.linkIds(item.getKey())
						.stream()
						.filter((id) -> id.contains("-"))
						.findFirst()
						.orElse(item.getKey()),
					new IntegerType(item.getValue())));
		return response;
	}

	public static QuestionnaireResponse of(CheckIn checkIn) {
		QuestionnaireResponse response = response(checkIn.id(), FhirQuestionnaires.DAILY_CHECK_IN, checkIn.programId(),
				checkIn.patientId(), checkIn.occurredAt(), checkIn.recordedAt(), CheckInObservations.isPart2(checkIn));
		answer(response, "mood", new IntegerType(checkIn.mood()));
		answer(response, "craving", new IntegerType(checkIn.craving()));
		answer(response, "usedSinceLastCheckIn", new BooleanType(checkIn.usedSinceLastCheckIn()));
		if (!checkIn.substances().isEmpty()) {
			QuestionnaireResponse.QuestionnaireResponseItemComponent substances = response.addItem()
				.setLinkId("substances");
			checkIn.substances().forEach((substance) -> substances.addAnswer().setValue(new StringType(substance)));
		}
		answer(response, "sleepHours", new DecimalType(checkIn.sleepHours()));
		answer(response, "stress", new IntegerType(checkIn.stress()));
		answer(response, "medicationTakenAsPrescribed", new BooleanType(checkIn.medicationTakenAsPrescribed()));
		answer(response, "confidence", (checkIn.confidence() != null) ? new IntegerType(checkIn.confidence()) : null);
		answer(response, "highRiskSituation",
				(checkIn.highRiskSituation() != null) ? new BooleanType(checkIn.highRiskSituation()) : null);
		answer(response, "highRiskCategory",
				(checkIn.highRiskCategory() != null)
						? new Coding(FhirQuestionnaires.BASE + "/CodeSystem/high-risk-category",
								checkIn.highRiskCategory().name(), null)
						: null);
		return response;
	}

	private static QuestionnaireResponse response(String id, Form form, String programId, String patientId,
			Instant occurredAt, Instant recordedAt, boolean part2) {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setId(id);
		response.getMeta().setLastUpdated(Date.from(recordedAt));
		if (part2) {
			SecurityLabels.part2(response.getMeta());
		}
		response.addExtension(new Extension(FhirQuestionnaires.PROGRAM_EXTENSION, new StringType(programId)));
		response.setQuestionnaire(form.url());
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		response.setSubject(new Reference("Patient/" + patientId));
		response.setAuthoredElement(new DateTimeType(Date.from(occurredAt)));
		return response;
	}

	private static void answer(QuestionnaireResponse response, String linkId, @Nullable Type value) {
		if (value != null) {
			response.addItem().setLinkId(linkId).addAnswer().setValue(value);
		}
	}

}
