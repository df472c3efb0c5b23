package org.stepwise.attendance.fhir;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.stepwise.attendance.program.KnownProgram;
import org.stepwise.contracts.program.ProgramType;

/**
 * Whether a program's sessions and attendance are 42 CFR Part 2 data when they leave
 * through FHIR. Being on the roster of, or attending, a session of a substance-use
 * disorder program discloses that the patient is treated there, which is Part 2
 * information in itself (42 CFR 2.11, 2.12), as plan-service reasons for its CarePlans
 * ({@code Part2Plans}), with the same rule: a program that monitors addiction (it
 * declares ADDICTION or DUAL_DIAGNOSIS, or no types or only ADOLESCENT, which are
 * monitored as addiction and mental health), one whose type label says ADDICTION or
 * DUAL_DIAGNOSIS, and one not (yet) known here (failing closed). Only a program that
 * declares types without addiction (mental health, eating disorder, adolescent with one
 * of them) is not. Pure.
 */
public final class AttendancePart2 {

	private static final Set<ProgramType> SUD_LABELS = EnumSet.of(ProgramType.ADDICTION, ProgramType.DUAL_DIAGNOSIS);

	private AttendancePart2() {
	}

	public static boolean isPart2(Optional<KnownProgram> program) {
		if (program.isEmpty()) {
			return true;
		}
		if (program.get().type() != null && SUD_LABELS.contains(program.get().type())) {
			return true;
		}
		Set<ProgramType> declared = EnumSet.noneOf(ProgramType.class);
		if (program.get().types() != null) {
			program.get().types().stream().filter(java.util.Objects::nonNull).forEach(declared::add);
		}
		boolean addiction = declared.stream().anyMatch(SUD_LABELS::contains);
		boolean anotherFocus = declared.contains(ProgramType.MENTAL_HEALTH)
				|| declared.contains(ProgramType.EATING_DISORDER);
		// nothing but (perhaps) ADOLESCENT is the default focus, addiction included
		return addiction || !anotherFocus;
	}

}
