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

	private static final List<ItemSpec> ITEMS = itemSpecs();

	private static List<ItemSpec> itemSpecs() {
		Map<String, String> text = new LinkedHashMap<>();
		text.put("1", "Physical health");
		text.put("2", "Sleep problems");
		text.put("3", "Depressed, anxious or angry mood");
		text.put("4", "Days of any alcohol");
		text.put("5", "Days of heavy drinking");
		text.put("6", "Days of any illegal or non-prescribed drug");
		for (String drug : List.of("7A marijuana", "7B sedatives or tranquilizers", "7C cocaine or crack",
				"7D stimulants", "7E opiates", "7F inhalants", "7G other drugs")) {
			text.put(drug.substring(0, 2), "Days of " + drug.substring(3));
		}
		text.put("8", "Cravings");
		text.put("9", "Confidence in staying abstinent");
		text.put("10", "Days at self-help meetings");
		text.put("11", "Days in risky situations");
		text.put("12", "Religion or spirituality as support");
		text.put("13", "Days at work, school or volunteering");
		text.put("14", "Enough income for necessities");
		text.put("15", "Family or friends conflict");
		text.put("16", "Days with supportive family or friends");
		text.put("17", "Satisfaction with progress toward recovery goals");
		List<ItemSpec> items = new ArrayList<>();
		text.forEach((id, question) -> items.add(new ItemSpec(id, question, 0, 4)));
		return List.copyOf(items);
	}

	public Bam() {
		super(Instrument.BAM, "Brief Addiction Monitor", null, ITEMS, List.of(),
				"Subscales Use = 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16 (items 0-4). "
						+ "Items 7A-7G are required when item 6 > 0. Concern when Use >= 1, Risk >= 12 or Protective <= 12.");
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
