package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * PHQ-9 (Kroenke 2001): nine items 0-3, total 0-27. Item 9 (thoughts of self-harm) sets
 * the safety level at the source (CLINICAL.md S1): any answer above "not at all" needs a
 * same-day safety review (HIGH), "more than half the days" or more is urgent (CRITICAL).
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

	private final Item9Thresholds thresholds;

	public Phq9(Item9Thresholds thresholds) {
		super(Instrument.PHQ9, "Patient Health Questionnaire-9", "44261-6",
				numbered(9, 0, 3, (i) -> "PHQ-9 item " + i + (i == 9 ? " (thoughts of self-harm)" : "")), Set.of(),
				List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9), new Band("moderate", 10, 14),
						new Band("moderately severe", 15, 19), new Band("severe", 20, 27)),
				Set.of(), "Sum of items 1-9 (0-3 each). Item 9 > 0 flags a same-day safety review, >= 2 urgent.");
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
