package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;

/**
 * DAST-10 (Skinner 1982): ten yes/no items about the past 12 months, item 3 (able to stop
 * when wanted) reversed, total 0-10. The wording is copyrighted, so the items are short
 * paraphrases.
 */
public final class Dast10 extends SummedInstrument {

	static final String REVERSED = "3";

	private static final List<String> ITEMS = List.of("Used drugs other than those needed for medical reasons",
			"Used more than one drug at a time", "Always able to stop using drugs when you wanted to",
			"Had blackouts or flashbacks as a result of drug use", "Felt bad or guilty about your drug use",
			"Your spouse, partner or parents complained about your involvement with drugs",
			"Neglected your family because of your use of drugs", "Did something illegal in order to get drugs",
			"Had withdrawal symptoms (felt sick) when you stopped taking drugs",
			"Had medical problems as a result of drug use (such as memory loss, hepatitis, seizures or bleeding)");

	private static final List<AnswerOption> NO_YES = List.of(AnswerOption.of(0, "No"), AnswerOption.of(1, "Yes"));

	/** Item 3 is asked the other way round: "no" is the answer that scores. */
	private static final List<AnswerOption> NO_YES_REVERSED = List.of(new AnswerOption(0, "No", 1),
			new AnswerOption(1, "Yes", 0));

	public Dast10() {
		super(Instrument.DAST10, "Drug Abuse Screening Test (DAST-10)", "82667-7",
				"About the past 12 months, not counting alcohol or tobacco, nor medicines taken as prescribed: "
						+ "has this been true for you? Answer no or yes.",
				numbered(ITEMS, NO_YES).stream()
					.map((item) -> item.id().equals(REVERSED) ? ItemSpec.of(item.id(), item.text(), NO_YES_REVERSED)
							: item)
					.toList(),
				Set.of(REVERSED),
				List.of(new Band("none", 0, 0), new Band("low", 1, 2), new Band("moderate", 3, 5),
						new Band("substantial", 6, 8), new Band("severe", 9, 10)),
				Set.of(SensitivityLabel.PART2),
				"Items 0 = no, 1 = yes; item 3 (able to stop when wanted) is reversed: no scores 1. Sum 0-10.",
				new Source("Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7(4):363-371.",
						"Copyright 1982 Harvey A. Skinner (licensed through CAMH, Toronto): the items are paraphrased "
								+ "here; administer the DAST-10 from its published form.",
						Source.Wording.PARAPHRASE));
	}

}
