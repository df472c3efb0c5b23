package org.stepwise.assessment.instrument;

import java.util.List;

/**
 * What the daily check-in ({@code POST /api/v1/check-ins}) asks, item by item, keyed by
 * the request's field names. Not a validated instrument and not scored
 * (docs/clinical-rules.md section 2): its answers feed plan-service's signals as given.
 * Yes/no items are JSON booleans, shown as 0 = false and 1 = true.
 */
public final class DailyCheckIn {

	public static final String TITLE = "Daily check-in";

	public static final String STEM = "Since your last check-in (about a day ago): answer each question, "
			+ "0 to 10 where a scale is given.";

	public static final String SCORING = "Not scored: each answer is kept as given. plan-service reads craving, use "
			+ "and silence (signals S6, S7, S12) and mood, stress, sleep and confidence for the early warning.";

	public static final Source SOURCE = new Source(
			"Stepwise's own self-report items (docs/clinical-rules.md section 2), after the weekly check-ins of Chih 2014 "
					+ "(A-CHESS) and the daily craving ratings of Galloway 2008; high-risk categories after Marlatt's "
					+ "relapse-prevention model.",
			"Stepwise's wording, free to use with the project.", Source.Wording.VERBATIM);

	private static final List<AnswerOption> NO_YES = List.of(AnswerOption.of(0, "No (false)"),
			AnswerOption.of(1, "Yes (true)"));

	public static final List<ItemSpec> ITEMS = List.of(
			rating("mood", "How has your mood been?", "Very low", "Very good"),
			rating("craving", "How strong has your craving to drink or use been?", "No craving", "Extreme craving"),
			ItemSpec.of("usedSinceLastCheckIn",
					"Have you used alcohol or drugs since your last check-in? If yes, name them in substances.",
					NO_YES),
			new ItemSpec("sleepHours", "How many hours did you sleep last night? (decimals allowed)", 0, 24,
					List.of(AnswerOption.of(0, "No sleep"), AnswerOption.of(24, "24 hours"))),
			rating("stress", "How stressed have you felt?", "Not at all", "Extremely"),
			ItemSpec.of("medicationTakenAsPrescribed", "Have you taken your medication as prescribed?", NO_YES),
			rating("confidence", "How confident are you that you will stay abstinent over the next week? (optional)",
					"Not at all confident", "Completely confident"),
			ItemSpec.of("highRiskSituation",
					"Is a high-risk situation coming up (people, places, stress, a celebration, pain or other: "
							+ "name it in highRiskCategory)? (optional)",
					NO_YES));

	private DailyCheckIn() {
	}

	private static ItemSpec rating(String id, String text, String lowest, String highest) {
		return new ItemSpec(id, text, 0, 10, List.of(AnswerOption.of(0, lowest), AnswerOption.of(10, highest)));
	}

}
