package org.stepwise.plan.fhir;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.programs.Program;

/**
 * Whether a patient's plan and episode of care are 42 CFR Part 2 data: a record that the
 * patient is treated in a substance-use disorder program is itself Part 2 information
 * (docs/security-and-privacy.md), and so is a plan whose changes follow from use, craving
 * and BAM results. So a plan is Part 2 when its program monitors addiction (its types'
 * focus: ADDICTION, DUAL_DIAGNOSIS, or no types, which is monitored as addiction and
 * mental health), when its type label says ADDICTION or DUAL_DIAGNOSIS, and when the
 * program is not known (failing closed). Only a program that declares types without
 * addiction (mental health, eating disorder, adolescent with one of them) is not. Pure.
 */
public final class Part2Plans {

	private static final Set<ProgramType> SUD_LABELS = Set.of(ProgramType.ADDICTION, ProgramType.DUAL_DIAGNOSIS);

	private Part2Plans() {
	}

	public static boolean isPart2(@Nullable Program program) {
		if (program == null) {
			return true;
		}
		return program.focus().addiction() || SUD_LABELS.contains(program.type());
	}

}
