package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * PHQ-9 (Kroenke 2001): nine items 0-3, total 0-27. Item 9 (thoughts of self-harm) sets
 * the safety level at the source (docs/clinical-rules.md section 3, S1): any answer above
 * "not at all" needs a same-day safety review (HIGH), "more than half the days" or more
 * is urgent (CRITICAL).
 */
public final class Phq9 extends SummedInstrument {

	/**
	 * @param reviewFrom item 9 response from which a same-day review is needed (default
	 * 1)
	 * @param urgentFrom item 9 response from which it is urgent (default 2)
	 */
	public record Item9Thresholds(int reviewFrom, int urgentFrom) {

		public static final Item9Thresholds DEFAULTS = new Item9Thresholds(1, 2);

	}

	/** The answers of every PHQ-9 and GAD-7 item, as published. */
	static final List<AnswerOption> HOW_OFTEN = List.of(AnswerOption.of(0, "Not at all"),
			AnswerOption.of(1, "Several days"), AnswerOption.of(2, "More than half the days"),
			AnswerOption.of(3, "Nearly every day"));

	/** The items as published (Pfizer's terms allow reproducing them). */
	private static final List<String> ITEMS = List.of("Little interest or pleasure in doing things",
			"Feeling down, depressed, or hopeless", "Trouble falling or staying asleep, or sleeping too much",
			"Feeling tired or having little energy", "Poor appetite or overeating",
			"Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
			"Trouble concentrating on things, such as reading the newspaper or watching television",
			"Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so "
					+ "fidgety or restless that you have been moving around a lot more than usual",
			"Thoughts that you would be better off dead or of hurting yourself in some way");

	static final Source SOURCE = new Source(
			"Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. "
					+ "J Gen Intern Med 2001;16(9):606-613. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
					+ "Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc.",
			"No permission required to reproduce, translate, display or distribute (Pfizer). "
					+ "The optional tenth question (how difficult the problems made life) is not scored and not asked here.",
			Source.Wording.VERBATIM);

	private final Item9Thresholds thresholds;

	public Phq9(Item9Thresholds thresholds) {
		super(Instrument.PHQ9, "Patient Health Questionnaire-9 (PHQ-9)", "44261-6",
				"Over the last 2 weeks, how often have you been bothered by any of the following problems?",
				numbered(ITEMS, HOW_OFTEN), Set.of(),
				List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9), new Band("moderate", 10, 14),
						new Band("moderately severe", 15, 19), new Band("severe", 20, 27)),
				Set.of(), "Sum of items 1-9 (0-3 each), 0-27. Item 9 > 0 flags a same-day safety review, >= 2 urgent.",
				SOURCE);
		this.thresholds = thresholds;
	}

	@Override
	protected SafetyLevel safety(Map<String, Integer> responses) {
		int item9 = responses.get("9");
		if (item9 >= this.thresholds.urgentFrom()) {
			return SafetyLevel.CRITICAL;
		}
		return (item9 >= this.thresholds.reviewFrom()) ? SafetyLevel.HIGH : SafetyLevel.NONE;
	}

}
