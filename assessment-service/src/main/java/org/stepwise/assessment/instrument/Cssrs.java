package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * Columbia Suicide Severity Rating Scale, screener (past month; behaviour lifetime and
 * past 3 months), answers 0 = no, 1 = yes. Skip logic: items 3-5 are asked only when item
 * 2 is yes; "6-recent" (behaviour in the past 3 months) only when item 6 is yes. Triage
 * (Columbia): item 4 or 5 yes, or recent behaviour, is emergent (CRITICAL); item 3 or
 * lifetime behaviour is moderate; items 1-2 only are low.
 */
public final class Cssrs extends AbstractInstrument {

	private static final List<ItemSpec> ITEMS = List.of(new ItemSpec("1", "Wished to be dead", 0, 1),
			new ItemSpec("2", "Non-specific active suicidal thoughts", 0, 1),
			new ItemSpec("3", "Thoughts with method, without intent", 0, 1),
			new ItemSpec("4", "Intent, without a specific plan", 0, 1),
			new ItemSpec("5", "Intent with a specific plan", 0, 1),
			new ItemSpec("6", "Suicidal behaviour, lifetime", 0, 1),
			new ItemSpec("6-recent", "Suicidal behaviour in the past 3 months", 0, 1));

	public Cssrs() {
		super(Instrument.CSSRS, "C-SSRS screener", null, ITEMS, List.of(),
				"Answers 0 = no, 1 = yes. Items 3-5 only when item 2 is yes; 6-recent only when item 6 is yes. "
						+ "Emergent: 4 or 5 or 6-recent yes. Moderate: 3 or 6 yes. Low: 1 or 2 yes only.");
	}

	@Override
	public Score score(Submission submission) {
		Map<String, Integer> responses = submission.items();
		boolean thoughts = yes(responses, "2");
		boolean behaviour = yes(responses, "6");
		Set<String> skipped = new HashSet<>();
		if (!thoughts) {
			skipped.addAll(List.of("3", "4", "5"));
		}
		if (!behaviour) {
			skipped.add("6-recent");
		}
		List<ItemProblem> problems = new ArrayList<>(InstrumentDefinition.check(ITEMS, responses, skipped));
		for (String item : skipped) {
			if (yes(responses, item)) {
				problems.add(new ItemProblem(item, "is skipped when item " + (item.equals("6-recent") ? "6" : "2")
						+ " is no, so it cannot be yes"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidResponsesException(problems);
		}
		String tier;
		SafetyLevel safety;
		if (yes(responses, "4") || yes(responses, "5") || yes(responses, "6-recent")) {
			tier = "emergent";
			safety = SafetyLevel.CRITICAL;
		}
		else if (yes(responses, "3") || behaviour) {
			tier = "moderate";
			safety = SafetyLevel.MODERATE;
		}
		else if (yes(responses, "1") || thoughts) {
			tier = "low";
			safety = SafetyLevel.LOW;
		}
		else {
			tier = "none";
			safety = SafetyLevel.NONE;
		}
		return new Score(null, Map.of(), tier, List.of(), safety, Set.of());
	}

	private static boolean yes(Map<String, Integer> responses, String item) {
		return Integer.valueOf(1).equals(responses.get(item));
	}

}
