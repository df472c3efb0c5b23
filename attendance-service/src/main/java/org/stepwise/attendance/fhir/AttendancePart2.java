package org.stepwise.attendance.fhir;

import java.util.Optional;

import org.stepwise.attendance.program.KnownProgram;
import org.stepwise.fhir.SecurityLabels;

/**
 * Whether a program's sessions and attendance are 42 CFR Part 2 data when they leave
 * through FHIR: being on the roster of, or attending, a session of a substance-use
 * disorder program discloses that the patient is treated there, so the program decides,
 * as for every service ({@link SecurityLabels#isPart2Program}); a program not (yet) known
 * here fails closed. Pure.
 */
public final class AttendancePart2 {

	private AttendancePart2() {
	}

	public static boolean isPart2(Optional<KnownProgram> program) {
		return program.map((known) -> SecurityLabels.isPart2Program(known.type(), known.types())).orElse(true);
	}

}
