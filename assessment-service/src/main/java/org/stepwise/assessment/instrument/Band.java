package org.stepwise.assessment.instrument;

/**
 * A severity band of a total score: {@code name} for totals from {@code min} to
 * {@code max} inclusive.
 */
public record Band(String name, int min, int max) {

	public boolean contains(int total) {
		return total >= this.min && total <= this.max;
	}

}
