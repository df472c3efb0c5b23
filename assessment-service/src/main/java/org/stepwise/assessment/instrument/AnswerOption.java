package org.stepwise.assessment.instrument;

/**
 * One answer an item offers: the {@code value} a client submits for it, the answer as the
 * respondent reads it, and the {@code score} it adds to the total or subscale (the value,
 * except for a reversed item).
 */
public record AnswerOption(int value, String label, int score) {

	public static AnswerOption of(int value, String label) {
		return new AnswerOption(value, label, value);
	}

}
