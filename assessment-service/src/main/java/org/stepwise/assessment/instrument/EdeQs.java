package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.stepwise.contracts.assessment.Instrument;

/**
 * Eating Disorder Examination Questionnaire Short (EDE-QS, Gideon 2016): twelve items
 * about the past 7 days, each 0-3, total 0-36 (docs/clinical-rules.md section 8). Items
 * 1-10 count days (0 days, 1-2, 3-5, 6-7), items 11 and 12 rate how much (not at all,
 * slightly, moderately, markedly). A total of 15 or more suggests clinical significance
 * (Prytherch 2021): the band says so; the rules read the change between administrations
 * (EDE-QS worsening, S16). Items paraphrased: administer the EDE-QS from its published
 * form.
 */
public final class EdeQs extends SummedInstrument {

	/**
	 * The total from which the EDE-QS suggests clinical significance (Prytherch 2021).
	 */
	public static final int CLINICAL_CUT_OFF = 15;

	static final List<AnswerOption> DAYS = options("0 days", "1-2 days", "3-5 days", "6-7 days");

	static final List<AnswerOption> HOW_MUCH = options("Not at all", "Slightly", "Moderately", "Markedly");

	private static final List<String> DAY_ITEMS = List.of(
			"Deliberately limiting how much you ate to influence your weight or shape",
			"Going without eating for a long time (8 waking hours or more) to influence your weight or shape",
			"Thinking about food, eating or calories making it very hard to concentrate on what interests you",
			"Thinking about your weight or shape making it very hard to concentrate on what interests you",
			"A definite fear that you might gain weight", "A strong desire to lose weight",
			"Making yourself sick or taking laxatives to control your weight",
			"Exercising in a driven or compulsive way to control your weight, shape or body fat, or to burn calories",
			"A sense of having lost control over your eating",
			"On those days, eating what others would see as an unusually large amount of food at once");

	private static final List<String> RATING_ITEMS = List.of(
			"How much your weight or shape influenced how you judge yourself as a person",
			"How dissatisfied you have been with your weight or shape");

	public EdeQs() {
		super(Instrument.EDEQS, "Eating Disorder Examination Questionnaire Short (EDE-QS)", null,
				"About the past 7 days: on how many days (items 1-10), or how much (items 11-12)?", edeqsItems(),
				Set.of(),
				List.of(new Band("below clinical cut-off", 0, CLINICAL_CUT_OFF - 1),
						new Band("clinical range", CLINICAL_CUT_OFF, 36)),
				Set.of(), "Sum of items 1-12 (0-3 each), 0-36. >= 15 suggests clinical significance (Prytherch 2021).",
				new Source(
						"Gideon N, Hawkes N, Mond J, Saunders R, Tchanturia K, Serpell L. Development and "
								+ "psychometric validation of the EDE-QS, a 12 item short form of the Eating Disorder "
								+ "Examination Questionnaire (EDE-Q). PLoS ONE 2016;11(5):e0152744. Cut-off: "
								+ "Prytherch A et al., 2021.",
						"Published open access with the article above; the items are paraphrased here: administer "
								+ "the EDE-QS from its published form.",
						Source.Wording.PARAPHRASE));
	}

	private static List<ItemSpec> edeqsItems() {
		return IntStream.rangeClosed(1, 12)
			.mapToObj((n) -> (n <= DAY_ITEMS.size()) ? ItemSpec.of(Integer.toString(n), DAY_ITEMS.get(n - 1), DAYS)
					: ItemSpec.of(Integer.toString(n), RATING_ITEMS.get(n - 1 - DAY_ITEMS.size()), HOW_MUCH))
			.toList();
	}

	private static List<AnswerOption> options(String... labels) {
		return IntStream.range(0, labels.length).mapToObj((value) -> AnswerOption.of(value, labels[value])).toList();
	}

}
