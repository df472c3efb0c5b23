package org.stepwise.attendance.fhir;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.stepwise.attendance.program.KnownProgram;
import org.stepwise.contracts.program.ProgramType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.program.ProgramType.ADDICTION;
import static org.stepwise.contracts.program.ProgramType.ADOLESCENT;
import static org.stepwise.contracts.program.ProgramType.DUAL_DIAGNOSIS;
import static org.stepwise.contracts.program.ProgramType.EATING_DISORDER;
import static org.stepwise.contracts.program.ProgramType.MENTAL_HEALTH;

/**
 * A program's attendance is Part 2 when the program treats substance use, as
 * plan-service's Part2Plans decides for plans, and when it is not known.
 */
class AttendancePart2Test {

	static Optional<KnownProgram> program(ProgramType label, List<ProgramType> types) {
		return Optional.of(new KnownProgram("program-x", label, types, 1));
	}

	@Test
	void aProgramThatTreatsSubstanceUseOrIsNotKnownIsPart2() {
		assertThat(AttendancePart2.isPart2(Optional.empty())).isTrue();
		assertThat(AttendancePart2.isPart2(program(MENTAL_HEALTH, null))).as("no types: the default focus").isTrue();
		assertThat(AttendancePart2.isPart2(program(MENTAL_HEALTH, List.of()))).isTrue();
		assertThat(AttendancePart2.isPart2(program(ADOLESCENT, List.of(ADOLESCENT)))).as("a population only").isTrue();
		assertThat(AttendancePart2.isPart2(program(MENTAL_HEALTH, List.of(MENTAL_HEALTH, ADDICTION)))).isTrue();
		assertThat(AttendancePart2.isPart2(program(MENTAL_HEALTH, List.of(DUAL_DIAGNOSIS)))).isTrue();
		assertThat(AttendancePart2.isPart2(program(DUAL_DIAGNOSIS, List.of(MENTAL_HEALTH)))).as("its label").isTrue();
	}

	@Test
	void aProgramDeclaringTypesWithoutAddictionIsNot() {
		assertThat(AttendancePart2.isPart2(program(MENTAL_HEALTH, List.of(MENTAL_HEALTH)))).isFalse();
		assertThat(AttendancePart2.isPart2(program(EATING_DISORDER, List.of(EATING_DISORDER, ADOLESCENT)))).isFalse();
		assertThat(AttendancePart2.isPart2(program(ADOLESCENT, List.of(MENTAL_HEALTH, ADOLESCENT)))).isFalse();
	}

}
