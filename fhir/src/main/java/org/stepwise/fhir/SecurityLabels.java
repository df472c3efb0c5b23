package org.stepwise.fhir;

import java.util.Collection;

import org.hl7.fhir.r4.model.Meta;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.program.ProgramType;

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

	/**
	 * Whether what a service holds about a patient in a program (being on its rosters,
	 * attending, a plan and an episode there) is Part 2 data: that someone is treated in
	 * a substance-use disorder program is Part 2 information in itself (42 CFR 2.11,
	 * 2.12). So it is when the program monitors addiction
	 * ({@link ProgramType#monitorsAddiction}) and when its type label says ADDICTION or
	 * DUAL_DIAGNOSIS. Only a program that declares types without addiction is not; a
	 * program the service does not know is to be taken as Part 2 (failing closed).
	 */
	public static boolean isPart2Program(@Nullable ProgramType label, @Nullable Collection<ProgramType> types) {
		return label == ProgramType.ADDICTION || label == ProgramType.DUAL_DIAGNOSIS
				|| ProgramType.monitorsAddiction(types);
	}

	public static boolean isPart2(Meta meta) {
		return meta.getSecurity(ACT_CODE, "42CFRPart2") != null;
	}

}
