package org.stepwise.assessment.instrument;

import java.util.List;

/**
 * The responses cannot be scored: an instrument with a missing or out-of-range item has
 * no valid total.
 */
public class InvalidResponsesException extends RuntimeException {

	private final List<ItemProblem> problems;

	public InvalidResponsesException(List<ItemProblem> problems) {
		super("The instrument has " + problems.size() + " invalid item(s)");
		this.problems = List.copyOf(problems);
	}

	public List<ItemProblem> problems() {
		return this.problems;
	}

}
