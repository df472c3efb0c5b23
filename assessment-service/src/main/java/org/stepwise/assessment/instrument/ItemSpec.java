package org.stepwise.assessment.instrument;

import java.util.List;

/**
 * One item of an instrument: its id (as clients send it, e.g. {@code "9"} or
 * {@code "7A"}), what it asks, the range of its coded response and the answers it offers.
 * Options label every value of the range, or only its two ends for a 0-10 rating.
 */
public record ItemSpec(String id, String text, int min, int max, List<AnswerOption> options) {

	public ItemSpec {
		options = List.copyOf(options);
		for (int i = 0; i < options.size(); i++) {
			int value = options.get(i).value();
			if (value < min || value > max || (i > 0 && value <= options.get(i - 1).value())) {
				throw new IllegalArgumentException("Options of item " + id + " must ascend within " + min + "-" + max);
			}
		}
	}

	/** An item whose range is exactly its options' values. */
	public static ItemSpec of(String id, String text, List<AnswerOption> options) {
		return new ItemSpec(id, text, options.getFirst().value(), options.getLast().value(), options);
	}

	public boolean accepts(int response) {
		return response >= this.min && response <= this.max;
	}

}
