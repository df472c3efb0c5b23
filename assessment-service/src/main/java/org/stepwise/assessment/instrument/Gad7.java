package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;

/**
 * GAD-7 (Spitzer 2006): seven items 0-3 with the PHQ-9's answers, total 0-21, banded at
 * 5, 10 and 15 (docs/clinical-rules.md section 2). Wording as published: Pfizer's terms
 * allow it.
 */
public final class Gad7 extends SummedInstrument {

	private static final List<String> ITEMS = List.of("Feeling nervous, anxious, or on edge",
			"Not being able to stop or control worrying", "Worrying too much about different things",
			"Trouble relaxing", "Being so restless that it is hard to sit still",
			"Becoming easily annoyed or irritable", "Feeling afraid, as if something awful might happen");

	public Gad7() {
		super(Instrument.GAD7, "Generalized Anxiety Disorder-7 (GAD-7)", "70274-6",
				"Over the last 2 weeks, how often have you been bothered by the following problems?",
				numbered(ITEMS, Phq9.HOW_OFTEN), Set.of(), List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9),
						new Band("moderate", 10, 14), new Band("severe", 15, 21)),
				Set.of(), "Sum of items 1-7 (0-3 each), 0-21.",
				new Source(
						"Spitzer RL, Kroenke K, Williams JBW, L\u00f6we B. A brief measure for assessing "
								+ "generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097. "
								+ "Developed with an educational grant from Pfizer Inc.",
						"No permission required to reproduce, translate, display or distribute (Pfizer).",
						Source.Wording.VERBATIM));
	}

}
