package org.stepwise.fhir;

import org.hl7.fhir.r4.model.Meta;

/**
 * The security labels of 42 CFR Part 2 data (HL7 DS4P): the law, and restricted
 * confidentiality. Whoever reads a labelled resource knows it may not be redisclosed
 * without the patient's consent.
 */
public final class SecurityLabels {

	public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

	private SecurityLabels() {
	}

	public static void part2(Meta meta) {
		meta.addSecurity(ACT_CODE, "42CFRPart2", "42 CFR Part2");
		meta.addSecurity(CONFIDENTIALITY, "R", "restricted");
	}

	public static boolean isPart2(Meta meta) {
		return meta.getSecurity(ACT_CODE, "42CFRPart2") != null;
	}

}
