package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * Urine drug screen: one result per analyte, presumptive or confirmatory. A positive
 * result for a non-prescribed substance counts as use; a prescribed medication
 * (buprenorphine, methadone) does not.
 */
public final class Uds extends AbstractInstrument {

	public Uds() {
		super(Instrument.UDS, "Urine drug screen (UDS)", null,
				"A laboratory result, not a questionnaire: one result per analyte, presumptive or confirmatory.",
				List.of(), List.of(),
				"Submit analytes [{analyte, positive, confirmatory, prescribed}]. Band positive when any positive "
						+ "analyte is not a prescribed medication, else negative.",
				new Source(
						"The laboratory's report; interpretation per docs/clinical-rules.md section 2 (a prescribed "
								+ "buprenorphine or methadone positive is not use).",
						"No items to word.", Source.Wording.VERBATIM));
	}

	@Override
	public Score score(Submission submission) {
		List<ItemProblem> problems = new ArrayList<>();
		if (!submission.items().isEmpty()) {
			problems.add(new ItemProblem("items", "a drug screen has analytes, not items"));
		}
		if (submission.analytes().isEmpty()) {
			problems.add(new ItemProblem("analytes", "at least one analyte is required"));
		}
		Set<String> seen = new HashSet<>();
		for (Submission.Analyte analyte : submission.analytes()) {
			if (analyte.analyte() == null || analyte.analyte().isBlank()) {
				problems.add(new ItemProblem("analytes", "every analyte needs a name"));
			}
			else if (!seen.add(analyte.analyte().toLowerCase(Locale.ROOT))) {
				problems.add(new ItemProblem("analytes", "analyte " + analyte.analyte() + " is listed twice"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidResponsesException(problems);
		}
		List<AnalyteResult> results = submission.analytes()
			.stream()
			.map((a) -> new AnalyteResult(a.analyte(), a.positive(), a.confirmatory(), a.prescribed(),
					a.positive() && !a.prescribed()))
			.toList();
		boolean use = results.stream().anyMatch(AnalyteResult::countsAsUse);
		return new Score(null, Map.of(), use ? "positive" : "negative", results, SafetyLevel.NONE,
				Set.of(SensitivityLabel.PART2));
	}

}
