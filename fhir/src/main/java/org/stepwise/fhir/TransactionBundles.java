package org.stepwise.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;

/** What every Stepwise transaction Bundle must be before its entries are looked at. */
public final class TransactionBundles {

	private TransactionBundles() {
	}

	/**
	 * @throws FhirRejection (422) unless the Bundle is a transaction of 1 to
	 * {@code maxEntries} entries
	 */
	public static void requireFrame(Bundle bundle, int maxEntries) {
		List<FhirIssue> issues = new ArrayList<>();
		if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
			issues.add(FhirIssue.value("Bundle.type", "must be transaction (Stepwise takes no batch: all or nothing)"));
		}
		if (bundle.getEntry().isEmpty() || bundle.getEntry().size() > maxEntries) {
			issues.add(FhirIssue.invalid("Bundle.entry", "must have 1 to " + maxEntries + " entries"));
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
	}

}
