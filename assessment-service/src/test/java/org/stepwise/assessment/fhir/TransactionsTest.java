package org.stepwise.assessment.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Worked examples of what a transaction Bundle must be before any entry is stored. */
class TransactionsTest {

	@Test
	void onlyATransactionOfQuestionnaireResponseCreatesIsTakenAndEveryBadEntryIsNamed() {
		Bundle bundle = (Bundle) FhirJson.parse("""
				{"resourceType":"Bundle","type":"transaction","entry":[
				  {"resource":{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/69737-5",
				   "status":"completed","subject":{"reference":"Patient/p-1"},"authored":"2026-12-06T09:00:00Z",
				   "item":[{"linkId":"1","answer":[{"valueInteger":1}]}]},
				   "request":{"method":"POST","url":"QuestionnaireResponse"}},
				  {"resource":{"resourceType":"QuestionnaireResponse","status":"completed"},
				   "request":{"method":"PUT","url":"QuestionnaireResponse/x"}},
				  {"resource":{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/69737-5",
				   "status":"completed","subject":{"reference":"Patient/p-1"}},
				   "request":{"method":"POST","url":"QuestionnaireResponse"}}]}""", "Bundle");

		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> Transactions.entries(bundle, 50,
					(response, base) -> QuestionnaireResponseMapping.map(response, base, Optional.of("program-a"))))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::expression)
				.containsExactly("Bundle.entry[1].request", "Bundle.entry[2].resource.authored"));
	}

	@Test
	void aBatchOrAnEmptyBundleIsRefusedWhole() {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);

		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> Transactions.entries(batch, 50, (response, base) -> null))
			.satisfies((ex) -> assertThat(ex.issues()).extracting(FhirIssue::expression)
				.isEqualTo(List.of("Bundle.type", "Bundle.entry")));
	}

}
