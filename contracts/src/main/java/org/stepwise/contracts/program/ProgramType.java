package org.stepwise.contracts.program;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

public enum ProgramType {

	ADDICTION, MENTAL_HEALTH, DUAL_DIAGNOSIS, ADOLESCENT, EATING_DISORDER;

	/** The tag of a program without types (monitored as addiction and mental health). */
	public static final String UNTYPED = "none";

	/**
	 * A program's types as one metric tag value: joined with "+" in a fixed order
	 * ({@code ADDICTION+ADOLESCENT}), {@value #UNTYPED} for a program without types or
	 * one not known, so a sum over the tag counts each patient or alert once. Bounded by
	 * the combinations of five types; never a program id.
	 */
	public static String tagOf(@Nullable List<ProgramType> types) {
		if (types == null || types.isEmpty()) {
			return UNTYPED;
		}
		return types.stream()
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.map(ProgramType::name)
			.collect(Collectors.joining("+"));
	}

}
