package org.stepwise.contracts.program;

import org.stepwise.contracts.StepwiseEvent;

/**
 * Events on the compacted {@code stepwise.programs.v1}, keyed by program id: the latest
 * one is the program.
 */
public sealed interface ProgramEvent extends StepwiseEvent permits ProgramUpdated {

	String programId();

	@Override
	default String subject() {
		return programId();
	}

}
