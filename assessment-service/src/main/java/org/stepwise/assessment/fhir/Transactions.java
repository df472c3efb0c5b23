package org.stepwise.assessment.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.Mapped;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.TransactionBundles;

/**
 * The entries of a transaction Bundle, each a {@code POST QuestionnaireResponse}, mapped
 * and checked all before anything is stored: every issue of every entry is reported at
 * once, named by its place ({@code Bundle.entry[3].resource.authored}). Pure: the check
 * of one entry is given. A refusal without an element (another program's patient: 404)
 * ends it at once.
 */
public final class Transactions {

	private Transactions() {
	}

	/**
	 * @param check maps and checks one QuestionnaireResponse, its FHIRPath given
	 * @throws FhirRejection (422) with the issues of every entry
	 */
	public static List<Mapped> entries(Bundle bundle, int maxEntries,
			BiFunction<QuestionnaireResponse, String, Mapped> check) {
		TransactionBundles.requireFrame(bundle, maxEntries);
		List<FhirIssue> issues = new ArrayList<>();
		List<Mapped> mapped = new ArrayList<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			String at = "Bundle.entry[" + i + "]";
			Bundle.BundleEntryRequestComponent request = entry.getRequest();
			if (request.getMethod() != Bundle.HTTPVerb.POST || !"QuestionnaireResponse".equals(request.getUrl())) {
				issues.add(FhirIssue.notSupported(at + ".request",
						"must be method POST and url QuestionnaireResponse: a transaction creates responses only"));
				continue;
			}
			if (!(entry.getResource() instanceof QuestionnaireResponse response)) {
				issues.add(FhirIssue.notSupported(at + ".resource", "must be a QuestionnaireResponse"));
				continue;
			}
			try {
				mapped.add(check.apply(response, at + ".resource"));
			}
			catch (FhirRejection ex) {
				issues.addAll(ex.issues());
			}
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		return mapped;
	}

}
