package org.stepwise.contracts;

/**
 * The payload ({@code data}) of every Stepwise event. Each topic has its own sealed
 * sub-interface, so a consumer handles a topic with an exhaustive pattern-matching
 * {@code switch}.
 */
public interface StepwiseEvent {

	/**
	 * The Kafka key and the CloudEvents {@code subject}: the patient id (the program id
	 * on the programs topic).
	 */
	String subject();

}
