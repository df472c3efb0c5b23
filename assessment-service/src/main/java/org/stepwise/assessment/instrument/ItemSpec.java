package org.stepwise.assessment.instrument;

/**
 * One item of an instrument: its id (as clients send it, e.g. {@code "9"} or
 * {@code "7A"}), the question in short, and the range of its coded response.
 */
public record ItemSpec(String id, String text, int min, int max) {

	public boolean accepts(int response) {
		return response >= this.min && response <= this.max;
	}

}
