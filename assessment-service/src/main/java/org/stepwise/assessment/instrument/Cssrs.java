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

	private static final List<AnswerOption> NO_YES = List.of(AnswerOption.of(0, "No"), AnswerOption.of(1, "Yes"));

	private static final List<ItemSpec> ITEMS = List.of(
			ItemSpec.of("1", "Wished you were dead, or wished you could go to sleep and not wake up", NO_YES),
			ItemSpec.of("2", "Had any actual thoughts of killing yourself", NO_YES),
			ItemSpec.of("3", "Thought about how you might do this", NO_YES),
			ItemSpec.of("4", "Had these thoughts with some intention of acting on them", NO_YES),
			ItemSpec.of("5",
					"Started to work out, or worked out, the details of how to kill yourself, and intend "
							+ "to carry out this plan",
					NO_YES),
			ItemSpec.of("6", "Ever done anything, started to do anything, or prepared to do anything to end your life",
					NO_YES),
			ItemSpec.of("6-recent", "If so: was this within the past 3 months", NO_YES));

	public Cssrs() {
		super(Instrument.CSSRS, "Columbia Suicide Severity Rating Scale, screener (C-SSRS)", null,
				"Items 1-5 are about the past month; item 6 about your lifetime, 6-recent about the past 3 months. "
						+ "Items 3-5 are asked only when item 2 is yes.",
				ITEMS, List.of(),
				"Answers 0 = no, 1 = yes. Items 3-5 only when item 2 is yes; 6-recent only when item 6 is yes. "
						+ "Emergent: 4 or 5 or 6-recent yes. Moderate: 3 or 6 yes. Low: 1 or 2 yes only.",
				new Source(
						"Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale. "
								+ "Am J Psychiatry 2011;168(12):1266-1277. Triage: the Columbia Lighthouse Project's "
								+ "screener guidance.",
						"Free to use in clinical settings (The Columbia Lighthouse Project); the items are paraphrased "
								+ "here: ask them from the Columbia screener form.",
						Source.Wording.PARAPHRASE));
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
