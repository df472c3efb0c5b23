package org.stepwise.assessment.instrument;

/** What is wrong with one item of a submitted instrument; never echoes the response. */
public record ItemProblem(String item, String message) {
}
