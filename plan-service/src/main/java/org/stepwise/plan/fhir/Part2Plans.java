package org.stepwise.plan.fhir;

import org.jspecify.annotations.Nullable;

import org.stepwise.fhir.SecurityLabels;
import org.stepwise.plan.programs.Program;

/**
 * Whether a patient's plan and episode of care are 42 CFR Part 2 data: by their program,
 * as every service decides for what it holds about a patient in a program
 * ({@link SecurityLabels#isPart2Program}); a program not known here fails closed. Pure.
 */
public final class Part2Plans {

	private Part2Plans() {
	}

	public static boolean isPart2(@Nullable Program program) {
		return (program == null) || SecurityLabels.isPart2Program(program.type(), program.types());
	}

}
