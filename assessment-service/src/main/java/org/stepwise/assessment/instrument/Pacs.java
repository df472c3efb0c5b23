package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;

/**
 * Penn Alcohol Craving Scale (Flannery 1999): five items 0-6 about the past week, total
 * 0-30, elevated at >= 15 and high above 20 (docs/clinical-rules.md section 2). Items and
 * answers paraphrased, with the published anchors' meaning.
 */
public final class Pacs extends SummedInstrument {

	private static final List<ItemSpec> ITEMS = List.of(
			item("1", "How often you thought about drinking, or about how good a drink would make you feel", "Never",
					"Rarely", "Occasionally", "Sometimes", "Often", "Most of the time", "Nearly all of the time"),
			item("2", "How strong your craving was at its most severe point", "None at all", "Slight, a very mild urge",
					"A mild urge", "A moderate urge", "A strong urge, but easily controlled",
					"A strong urge, difficult to control", "A strong urge, would have drunk if able to"),
			item("3", "How much time you spent thinking about drinking, or about how good a drink would make you feel",
					"None at all", "Less than 20 minutes", "21 to 45 minutes", "46 to 90 minutes",
					"90 minutes to 3 hours", "3 to 6 hours", "More than 6 hours"),
			item("4", "How difficult it would have been to resist a drink had you known there was alcohol in the house",
					"Not difficult at all", "Very mildly difficult", "Mildly difficult", "Moderately difficult",
					"Very difficult", "Extremely difficult", "Would not have been able to resist"),
			item("5", "Your craving for alcohol overall, on average, over the past week", "None at all", "Very slight",
					"Slight", "Moderate", "Considerable", "Strong", "Extreme"));

	public Pacs() {
		super(Instrument.PACS, "Penn Alcohol Craving Scale (PACS)", null,
				"About the past week: choose the answer that best describes your craving for alcohol.", ITEMS, Set.of(),
				List.of(new Band("not elevated", 0, 14), new Band("elevated", 15, 20), new Band("high", 21, 30)),
				Set.of(SensitivityLabel.PART2), "Sum of items 1-5 (0-6 each), 0-30. >= 15 elevated, > 20 high.",
				new Source(
						"Flannery BA, Volpicelli JR, Pettinati HM. Psychometric properties of the Penn Alcohol "
								+ "Craving Scale. Alcohol Clin Exp Res 1999;23(8):1289-1295.",
						"Published in the article above; the items and answers are paraphrased here: administer the "
								+ "PACS from its published form.",
						Source.Wording.PARAPHRASE));
	}

	private static ItemSpec item(String id, String text, String... labels) {
		return ItemSpec.of(id, text,
				java.util.stream.IntStream.range(0, labels.length)
					.mapToObj((value) -> AnswerOption.of(value, labels[value]))
					.toList());
	}

}
