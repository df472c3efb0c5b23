package org.stepwise.contracts.program;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

public enum ProgramType {

	ADDICTION, MENTAL_HEALTH, DUAL_DIAGNOSIS, ADOLESCENT, EATING_DISORDER;

	/**
	 * Whether a program declaring {@code types} monitors substance use: it declares
	 * ADDICTION or DUAL_DIAGNOSIS, or no focus at all (nothing, or only ADOLESCENT: a
	 * population), which is monitored as addiction and mental health.
	 */
	public static boolean monitorsAddiction(@Nullable Collection<ProgramType> types) {
		if (types == null) {
			return true;
		}
		boolean addiction = types.contains(ADDICTION) || types.contains(DUAL_DIAGNOSIS);
		boolean anotherFocus = types.contains(MENTAL_HEALTH) || types.contains(EATING_DISORDER);
		return addiction || !anotherFocus;
	}

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
