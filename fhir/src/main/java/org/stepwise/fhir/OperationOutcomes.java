package org.stepwise.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Issues as an R4 {@code OperationOutcome}, each naming its element by FHIRPath. */
public final class OperationOutcomes {

	private OperationOutcomes() {
	}

	public static OperationOutcome of(List<FhirIssue> issues) {
		OperationOutcome outcome = new OperationOutcome();
		for (FhirIssue issue : issues) {
			OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(IssueType.fromCode(issue.code()))
				.setDiagnostics(issue.message());
			if (!issue.expression().isEmpty()) {
				component.addExpression(issue.expression());
			}
		}
		return outcome;
	}

}
