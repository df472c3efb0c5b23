package org.stepwise.simulator.cohort;

/**
 * Who a synthetic patient is and which trajectory they follow. Event days are relative to
 * enrolment; -1 when the archetype has no such event.
 *
 * @param enrolDay the simulated day of enrolment
 * @param group the therapy group the patient joins
 * @param buprenorphine on medication for opioid use disorder (a prescribed positive on
 * the drug screen)
 * @param baselinePhq9 intended PHQ-9 total at intake
 * @param baselineGad7 intended GAD-7 total at intake
 * @param baselineCraving craving (0-10) at intake
 * @param ageGroup the subgroup by age, for per-subgroup figures
 * @param programType what the patient is treated for; MENTAL_HEALTH patients have no
 * substance use disorder and a much lower lapse hazard
 * @param sex the subgroup by sex
 */
public record PatientProfile(String patientId, int index, Archetype archetype, int enrolDay, int group,
		Substance substance, boolean buprenorphine, int baselinePhq9, int baselineGad7, double baselineCraving,
		int lapseDay, int relapseDay, int dropoutDay, int safetyDay, AgeGroup ageGroup, ProgramType programType,
		Sex sex) {

	public boolean dropsOut() {
		return this.dropoutDay >= 0;
	}

	public enum AgeGroup {

		ADULT, ADOLESCENT

	}

	public enum ProgramType {

		ADDICTION, DUAL_DIAGNOSIS, MENTAL_HEALTH

	}

	public enum Sex {

		FEMALE, MALE

	}

}
