package org.stepwise.attendance.fhir;

/**
 * Whether a program's sessions and attendance are 42 CFR Part 2 data when they leave
 * through FHIR. Being on the roster of, or attending, a session of a substance-use
 * disorder program discloses that the patient is treated there, which is Part 2
 * information in itself (42 CFR 2.11, 2.12; plan-service labels CarePlans alike). Which
 * programs treat substance use is plan-service's knowledge (a program's types), not
 * attendance-service's, so it fails closed as plan-service does for a program it does not
 * know: every program's. Their Appointments and Encounters carry the Part 2 labels and
 * are read only with a token that has the scope {@code stepwise.part2}. Pure.
 */
public final class AttendancePart2 {

	private AttendancePart2() {
	}

	/**
	 * Every program, until attendance-service knows the programs' types (a read model of
	 * {@code stepwise.programs.v1}).
	 */
	public static boolean isPart2(String programId) {
		return programId != null;
	}

}
