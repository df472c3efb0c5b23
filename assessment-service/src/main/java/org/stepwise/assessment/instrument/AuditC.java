package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;

/**
 * AUDIT-C (Bush 1998): three items 0-4, total 0-12; positive at >= 4 for men and >= 3 for
 * women, so scoring needs the sex. Past-year frame: not sensitive to change, for intake
 * and monthly at most.
 */
public final class AuditC extends SummedInstrument {

	/** Questions 1-3 of the WHO AUDIT with their answers, as published. */
	private static final List<ItemSpec> ITEMS = List.of(
			ItemSpec.of("1", "How often do you have a drink containing alcohol?",
					List.of(AnswerOption.of(0, "Never"), AnswerOption.of(1, "Monthly or less"),
							AnswerOption.of(2, "2 to 4 times a month"), AnswerOption.of(3, "2 to 3 times a week"),
							AnswerOption.of(4, "4 or more times a week"))),
			ItemSpec.of("2", "How many drinks containing alcohol do you have on a typical day when you are drinking?",
					List.of(AnswerOption.of(0, "1 or 2"), AnswerOption.of(1, "3 or 4"), AnswerOption.of(2, "5 or 6"),
							AnswerOption.of(3, "7, 8, or 9"), AnswerOption.of(4, "10 or more"))),
			ItemSpec.of("3", "How often do you have six or more drinks on one occasion?",
					List.of(AnswerOption.of(0, "Never"), AnswerOption.of(1, "Less than monthly"),
							AnswerOption.of(2, "Monthly"), AnswerOption.of(3, "Weekly"),
							AnswerOption.of(4, "Daily or almost daily"))));

	public AuditC() {
		super(Instrument.AUDITC, "AUDIT-C (Alcohol Use Disorders Identification Test, consumption questions)",
				"75626-2",
				"These questions are about your use of alcoholic beverages during the past year. "
						+ "A drink is one standard drink (a can of beer, a glass of wine, a shot of spirits).",
				ITEMS, Set.of(), List.of(), Set.of(SensitivityLabel.PART2),
				"Sum of items 1-3 (0-4 each), 0-12. Positive at >= 4 for men, >= 3 for women: submit sex (MALE or FEMALE).",
				new Source("Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption "
						+ "questions (AUDIT-C). Arch Intern Med 1998;158(16):1789-1795. Questions 1-3 of the WHO AUDIT: "
						+ "Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: Guidelines for Use in Primary "
						+ "Care, 2nd ed. World Health Organization, 2001.",
						"The WHO AUDIT is free to use and reproduce without permission.", Source.Wording.VERBATIM));
	}

	@Override
	protected List<ItemProblem> checkContext(Submission submission) {
		return (submission.sex() == null) ? List.of(new ItemProblem("sex", "required for the AUDIT-C cut-off"))
				: List.of();
	}

	@Override
	protected String band(int total, Submission submission) {
		int cutOff = (submission.sex() == Submission.Sex.MALE) ? 4 : 3;
		return (total >= cutOff) ? "positive" : "negative";
	}

}
