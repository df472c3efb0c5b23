package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * Brief Addiction Monitor (Cacciola 2013; BAM-IOP with 7-day recall): 17 items coded 0-4,
 * item 7 split into 7A-7G (days of use per drug class), asked only when item 6 (any drug
 * use) is above 0. No total: three subscales, Use = items 4+5+6 (0-12), Risk =
 * 1+2+3+8+11+15 (0-24), Protective = 9+10+12+13+14+16 (0-24). Concern when Use >= 1, Risk
 * >= 12 or Protective <= 12.
 */
public final class Bam extends AbstractInstrument {

	static final List<String> USE = List.of("4", "5", "6");

	static final List<String> RISK = List.of("1", "2", "3", "8", "11", "15");

	static final List<String> PROTECTIVE = List.of("9", "10", "12", "13", "14", "16");

	static final List<String> DRUG_CLASSES = List.of("7A", "7B", "7C", "7D", "7E", "7F", "7G");

	/**
	 * Days in the past 7, coded as Stepwise codes the BAM-IOP's 7-day recall (the 30-day
	 * BAM codes 0, 1-3, 4-8, 9-15 and 16-30 days).
	 */
	private static final List<AnswerOption> DAYS = List.of(AnswerOption.of(0, "0 days"), AnswerOption.of(1, "1-2 days"),
			AnswerOption.of(2, "3-4 days"), AnswerOption.of(3, "5-6 days"), AnswerOption.of(4, "7 days"));

	private static final List<AnswerOption> HOW_MUCH = List.of(AnswerOption.of(0, "Not at all"),
			AnswerOption.of(1, "Slightly"), AnswerOption.of(2, "Moderately"), AnswerOption.of(3, "Considerably"),
			AnswerOption.of(4, "Extremely"));

	private static final List<AnswerOption> HEALTH = List.of(AnswerOption.of(0, "Excellent"),
			AnswerOption.of(1, "Very good"), AnswerOption.of(2, "Good"), AnswerOption.of(3, "Fair"),
			AnswerOption.of(4, "Poor"));

	/**
	 * The BAM form asks item 14 as no (0) or yes (4); Stepwise accepts the values between
	 * for programs that grade it.
	 */
	private static final List<AnswerOption> NO_TO_YES = List.of(AnswerOption.of(0, "No"), AnswerOption.of(1, "Seldom"),
			AnswerOption.of(2, "Sometimes"), AnswerOption.of(3, "Mostly"), AnswerOption.of(4, "Yes"));

	private static final List<ItemSpec> ITEMS = itemSpecs();

	private static List<ItemSpec> itemSpecs() {
		List<ItemSpec> items = new ArrayList<>();
		items.add(ItemSpec.of("1", "How your physical health has been", HEALTH));
		items.add(ItemSpec.of("2", "Nights you had trouble falling asleep or staying asleep", DAYS));
		items.add(ItemSpec.of("3", "Days you felt depressed, anxious, angry or very upset throughout most of the day",
				DAYS));
		items.add(ItemSpec.of("4", "Days you drank any alcohol", DAYS));
		items.add(ItemSpec.of("5", "Days you had at least 5 drinks (men) or 4 drinks (women)", DAYS));
		items.add(ItemSpec.of("6", "Days you used any illegal or street drug, or misused a prescription medication",
				DAYS));
		Map<String, String> drugs = new LinkedHashMap<>();
		drugs.put("7A", "marijuana (cannabis, hashish)");
		drugs.put("7B", "sedatives or tranquilizers (such as benzodiazepines) not as prescribed");
		drugs.put("7C", "cocaine or crack");
		drugs.put("7D", "stimulants (such as amphetamine or methamphetamine)");
		drugs.put("7E", "opiates (such as heroin, morphine or oxycodone) not as prescribed");
		drugs.put("7F", "inhalants (such as glues, solvents or gases)");
		drugs.put("7G", "other drugs (such as steroids, or over-the-counter sleep or diet pills)");
		drugs.forEach((id, drug) -> items.add(ItemSpec.of(id, "Days you used " + drug, DAYS)));
		items.add(ItemSpec.of("8", "How much you were bothered by cravings or urges to drink alcohol or use drugs",
				HOW_MUCH));
		items.add(ItemSpec.of("9",
				"How confident you are in your ability to be completely abstinent from alcohol and drugs in the "
						+ "coming days",
				HOW_MUCH));
		items.add(ItemSpec.of("10", "Days you attended self-help meetings (such as AA or NA) to support your recovery",
				DAYS));
		items.add(ItemSpec.of("11",
				"Days you were in situations or with people that might increase your risk of drinking or using drugs",
				DAYS));
		items.add(ItemSpec.of("12", "How much your religion or spirituality helps support your recovery", HOW_MUCH));
		items.add(ItemSpec.of("13", "Days you spent much of the time at work, at school or volunteering", DAYS));
		items.add(ItemSpec.of("14",
				"Having enough income from legal sources to pay for necessities such as housing, transport, food "
						+ "and clothing for yourself and your dependants",
				NO_TO_YES));
		items.add(ItemSpec.of("15",
				"How much you were bothered by arguments or problems getting along with family or friends", HOW_MUCH));
		items.add(ItemSpec.of("16", "Days you spent time with family or friends who support your recovery", DAYS));
		items.add(ItemSpec.of("17", "How satisfied you are with your progress toward your recovery goals", HOW_MUCH));
		return List.copyOf(items);
	}

	public Bam() {
		super(Instrument.BAM, "Brief Addiction Monitor (BAM)", null,
				"About the past 7 days (the BAM-IOP's recall period). Items 7A-7G are asked only when item 6 is "
						+ "above 0 days.",
				ITEMS, List.of(),
				"Subscales Use = 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16 (items 0-4). "
						+ "Items 7A-7G are required when item 6 > 0. Concern when Use >= 1, Risk >= 12 or Protective <= 12.",
				new Source(
						"Cacciola JS, Alterman AI, DePhilippis D, et al. Development and initial evaluation of the "
								+ "Brief Addiction Monitor (BAM). J Subst Abuse Treat 2013;44(3):256-263.",
						"Developed for the US Department of Veterans Affairs; the items are paraphrased here: "
								+ "administer the BAM from its published form.",
						Source.Wording.PARAPHRASE));
	}

	@Override
	public Score score(Submission submission) {
		Map<String, Integer> responses = submission.items();
		Integer anyDrug = responses.get("6");
		boolean drugsAsked = anyDrug != null && anyDrug > 0;
		List<ItemProblem> problems = InstrumentDefinition.check(ITEMS, responses,
				drugsAsked ? Set.of() : Set.copyOf(DRUG_CLASSES));
		if (!problems.isEmpty()) {
			throw new InvalidResponsesException(problems);
		}
		int use = InstrumentDefinition.sum(responses, USE);
		int risk = InstrumentDefinition.sum(responses, RISK);
		int protective = InstrumentDefinition.sum(responses, PROTECTIVE);
		boolean concern = use >= 1 || risk >= 12 || protective <= 12;
		return new Score(null, Map.of("use", use, "risk", risk, "protective", protective),
				concern ? "concern" : "no concern", List.of(), SafetyLevel.NONE, Set.of(SensitivityLabel.PART2));
	}

}
