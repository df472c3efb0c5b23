package org.stepwise.assessment.instrument;

/**
 * Where an instrument's wording comes from and on what terms Stepwise shows it.
 *
 * @param citation the publication that defines the instrument and its scoring
 * @param terms what the instrument's owner allows, and so why the wording is verbatim or
 * paraphrased
 * @param wording whether item texts are the published ones or a short paraphrase of them
 */
public record Source(String citation, String terms, Wording wording) {

	public enum Wording {

		/** The published item wording, which the terms allow to reproduce. */
		VERBATIM,

		/**
		 * A faithful short paraphrase: administer the instrument from its published form.
		 */
		PARAPHRASE

	}

}
