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

	public AuditC() {
		super(Instrument.AUDITC, "AUDIT-C", "75626-2",
				List.of(new ItemSpec("1", "How often a drink containing alcohol", 0, 4),
						new ItemSpec("2", "Drinks on a typical drinking day", 0, 4),
						new ItemSpec("3", "How often six or more drinks on one occasion", 0, 4)),
				Set.of(), List.of(), Set.of(SensitivityLabel.PART2),
				"Sum of items 1-3 (0-4 each). Positive at >= 4 for men, >= 3 for women: submit sex (MALE or FEMALE).");
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
