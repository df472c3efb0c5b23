package org.stepwise.assessment.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.Assessment;
import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.CheckIn;
import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Worked examples of QuestionnaireResponses as the JSON API's requests, and of what
 * cannot be mapped, each issue naming its element.
 */
class QuestionnaireResponseMappingTest {

	/**
	 * A PHQ-9 as LHC-Forms writes it: LOINC linkIds with a leading slash, nested in the
	 * panel's group, LOINC answer codes, and the total item (which Stepwise ignores and
	 * computes itself).
	 */
	@Test
	void aLoincCodedPhq9BecomesTheJsonApisRequest() {
		QuestionnaireResponse response = parse(
				"""
						{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/44249-1","status":"completed",
						 "subject":{"reference":"Patient/patient-42"},"authored":"2026-12-06T09:30:00Z",
						 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"program-a"}],
						 "item":[{"linkId":"/44249-1","item":[
						   {"linkId":"/44250-9","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6570-1"}}]},
						   {"linkId":"/44255-8","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6570-1"}}]},
						   {"linkId":"/44259-0","answer":[{"valueInteger":2}]},
						   {"linkId":"/44254-1","answer":[{"valueInteger":2}]},
						   {"linkId":"/44251-7","answer":[{"valueInteger":2}]},
						   {"linkId":"/44258-2","answer":[{"valueInteger":2}]},
						   {"linkId":"/44252-5","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6569-3"}}]},
						   {"linkId":"8","answer":[{"valueInteger":1}]},
						   {"linkId":"/44260-8","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6570-1"}}]},
						   {"linkId":"/44261-6","answer":[{"valueInteger":16}]}]}]}""");

		Assessment mapped = (Assessment) QuestionnaireResponseMapping.map(response, "QuestionnaireResponse",
				Optional.empty());

		assertThat(mapped.request().patientId()).isEqualTo("patient-42");
		assertThat(mapped.request().programId()).isEqualTo("program-a");
		assertThat(mapped.request().instrument()).isEqualTo(Instrument.PHQ9);
		assertThat(mapped.request().occurredAt()).isEqualTo(Instant.parse("2026-12-06T09:30:00Z"));
		assertThat(mapped.request().items()).hasSize(9)
			.containsEntry("1", 2)
			.containsEntry("7", 1)
			.containsEntry("8", 1)
			.containsEntry("9", 2);
		assertThat(mapped.expressionOf("items.9")).isEqualTo("QuestionnaireResponse.item[0].item[8].answer[0]");
	}

	@Test
	void anAuditCTakesTheSexFromItsSexItemAndTheProgramFromTheTokenWhenItHasOnlyOne() {
		QuestionnaireResponse response = parse(
				"""
						{"resourceType":"QuestionnaireResponse","questionnaire":"https://stepwise.example/fhir/Questionnaire/audit-c|1",
						 "status":"completed","subject":{"reference":"Patient/p-1"},"authored":"2026-12-06T09:30:00+01:00",
						 "item":[{"linkId":"68518-0","answer":[{"valueInteger":2}]},{"linkId":"68519-8","answer":[{"valueInteger":1}]},
						   {"linkId":"3","answer":[{"valueCoding":{"code":"x","extension":[{"url":"http://hl7.org/fhir/StructureDefinition/ordinalValue","valueDecimal":1}]}}]},
						   {"linkId":"sex","answer":[{"valueCoding":{"system":"http://hl7.org/fhir/administrative-gender","code":"female"}}]}]}""");

		Assessment mapped = (Assessment) QuestionnaireResponseMapping.map(response, "QuestionnaireResponse",
				Optional.of("program-b"));

		assertThat(mapped.request().programId()).isEqualTo("program-b");
		assertThat(mapped.request().items())
			.containsExactlyInAnyOrderEntriesOf(java.util.Map.of("1", 2, "2", 1, "3", 1));
		assertThat(mapped.request().sex()).isEqualTo(Submission.Sex.FEMALE);
		assertThat(mapped.request().occurredAt()).isEqualTo(Instant.parse("2026-12-06T08:30:00Z"));
	}

	@Test
	void aDast10AnsweredYesNo() {
		StringBuilder items = new StringBuilder();
		for (int i = 1; i <= 10; i++) {
			items.append(i > 1 ? "," : "")
				.append("{\"linkId\":\"%d\",\"answer\":[{\"valueBoolean\":%s}]}".formatted(i, i == 3));
		}
		Assessment mapped = (Assessment) QuestionnaireResponseMapping.map(
				parse("""
						{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/82666-9","status":"completed",
						 "subject":{"reference":"Patient/p-1"},"authored":"2026-12-06T09:30:00Z","item":[%s]}"""
					.formatted(items)),
				"QuestionnaireResponse", Optional.of("program-a"));

		assertThat(mapped.request().instrument()).isEqualTo(Instrument.DAST10);
		assertThat(mapped.request().items()).hasSize(10).containsEntry("3", 1).containsEntry("1", 0);
	}

	@Test
	void aCheckInBecomesTheJsonApisCheckInWithMissingItemsLeftForItsFieldChecks() {
		CheckIn mapped = (CheckIn) QuestionnaireResponseMapping.map(
				parse("""
						{"resourceType":"QuestionnaireResponse","questionnaire":"https://stepwise.example/fhir/Questionnaire/daily-check-in",
						 "status":"completed","subject":{"reference":"Patient/p-1"},"authored":"2026-12-06T21:00:00Z",
						 "item":[{"linkId":"mood","answer":[{"valueInteger":4}]},{"linkId":"craving","answer":[{"valueInteger":8}]},
						   {"linkId":"usedSinceLastCheckIn","answer":[{"valueBoolean":true}]},
						   {"linkId":"substances","answer":[{"valueString":"alcohol"},{"valueString":"cannabis"}]},
						   {"linkId":"sleepHours","answer":[{"valueDecimal":6.5}]},
						   {"linkId":"medicationTakenAsPrescribed","answer":[{"valueBoolean":true}]},
						   {"linkId":"highRiskSituation","answer":[{"valueBoolean":true}]},
						   {"linkId":"highRiskCategory","answer":[{"valueCoding":{"code":"CELEBRATION"}}]}]}"""),
				"Bundle.entry[3].resource", Optional.of("program-a"));

		assertThat(mapped.request().mood()).isEqualTo(4);
		assertThat(mapped.request().usedSinceLastCheckIn()).isTrue();
		assertThat(mapped.request().substances()).containsExactly("alcohol", "cannabis");
		assertThat(mapped.request().sleepHours()).isEqualByComparingTo(new BigDecimal("6.5"));
		assertThat(mapped.request().highRiskCategory()).isEqualTo(HighRiskCategory.CELEBRATION);
		assertThat(mapped.request().stress()).isNull();
		assertThat(mapped.expressionOf("stress"))
			.isEqualTo("Bundle.entry[3].resource.repeat(item).where(linkId='stress')");
		assertThat(mapped.expressionOf("mood")).isEqualTo("Bundle.entry[3].resource.item[0].answer[0]");
	}

	@Test
	void whatCannotBeMappedIsReportedAllAtOnceByElement() {
		QuestionnaireResponse response = parse(
				"""
						{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/44249-1","status":"in-progress",
						 "subject":{"reference":"Group/g-1"},"authored":"2026-12-06",
						 "item":[{"linkId":"1","answer":[{"valueString":"often"}]},{"linkId":"99","answer":[{"valueInteger":1}]},
						   {"linkId":"2","answer":[{"valueInteger":1},{"valueInteger":2}]}]}""");

		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> QuestionnaireResponseMapping.map(response, "QuestionnaireResponse", Optional.empty()))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::expression)
				.containsExactly("QuestionnaireResponse.status", "QuestionnaireResponse.subject.reference",
						"QuestionnaireResponse.extension('https://stepwise.example/fhir/StructureDefinition/program')",
						"QuestionnaireResponse.authored", "QuestionnaireResponse.item[1].linkId",
						"QuestionnaireResponse.item[0].answer[0]", "QuestionnaireResponse.item[2].answer[0]"))
			.satisfies((ex) -> assertThat(ex.issues().toString()).doesNotContain("often", "g-1"));
	}

	@Test
	void anUnknownQuestionnaireIsNotSupported() {
		QuestionnaireResponse response = parse(
				"""
						{"resourceType":"QuestionnaireResponse","questionnaire":"http://example.org/Questionnaire/x","status":"completed",
						 "subject":{"reference":"Patient/p-1"},"authored":"2026-12-06T09:30:00Z"}""");

		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> QuestionnaireResponseMapping.map(response, "QuestionnaireResponse", Optional.of("a")))
			.satisfies((ex) -> assertThat(ex.issues())
				.containsExactly(FhirIssue.notSupported("QuestionnaireResponse.questionnaire",
						"is not a questionnaire Stepwise accepts (GET /fhir/r4/metadata lists them)")));
	}

	@Test
	void unknownElementsAndWrongTypesAreRefusedByTheParserNamingTheElement() {
		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> FhirJson.parse("""
					{"resourceType":"QuestionnaireResponse","status":"completed","colour":"patient-secret",
					 "authored":"not-a-date","item":[{"linkId":"1","answer":[{"valueInteger":"two"}]}]}""",
					"QuestionnaireResponse"))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::expression)
				.containsExactlyInAnyOrder("QuestionnaireResponse.colour",
						"(QuestionnaireResponse | QuestionnaireResponse.descendants()).authored",
						"(QuestionnaireResponse | QuestionnaireResponse.descendants()).valueInteger"))
			.satisfies(
					(ex) -> assertThat(ex.issues().toString()).doesNotContain("patient-secret", "not-a-date", "two"));
	}

	/**
	 * What EHRs put around the answers (narrative, meta, contained resources, dates,
	 * decimals) is read too: the FHIR core utilities left out of the jar (XSLT, ICU,
	 * HTTP) are not needed for it.
	 */
	@Test
	void aResponseWithNarrativeMetaAndContainedResourcesIsReadAndWrittenBack() {
		QuestionnaireResponse response = parse(
				"""
						{"resourceType":"QuestionnaireResponse","id":"qr-1","meta":{"versionId":"3","lastUpdated":"2026-12-06T09:31:00.123+01:00",
						  "tag":[{"system":"http://example.org/tags","code":"ehr"}]},
						 "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>PHQ-9 &amp; more, <b>done</b></p></div>"},
						 "contained":[{"resourceType":"Patient","id":"p","birthDate":"1990-02-03","gender":"female"}],
						 "identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:6c3b1c1e-1d6f-4a53-9d3e-2b1a2f9f0c11"},
						 "questionnaire":"http://loinc.org/q/44249-1","status":"completed","subject":{"reference":"Patient/p-1"},
						 "authored":"2026-12-06T09:30:00.250+01:00","source":{"reference":"#p"},
						 "item":[{"linkId":"1","text":"Wenig Interesse oder Freude an Ihren T\u00e4tigkeiten","answer":[{"valueInteger":1}]},
						   {"linkId":"note","answer":[{"valueDecimal":1.50},{"valueDate":"2026-12"},{"valueQuantity":{"value":3.2,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}]}]}""");

		String written = FhirJson.encode(response);

		assertThat(response.getText().getDivAsString()).contains("<b>done</b>");
		assertThat(response.getContained()).hasSize(1);
		assertThat(written).contains("\"valueDecimal\":1.50", "T\u00e4tigkeiten", "2026-12-06T09:30:00.250+01:00");
		assertThat(FhirJson.encode(FhirJson.parse(written, "QuestionnaireResponse"))).isEqualTo(written);
	}

	private static QuestionnaireResponse parse(String json) {
		return (QuestionnaireResponse) FhirJson.parse(json, "QuestionnaireResponse");
	}

}
