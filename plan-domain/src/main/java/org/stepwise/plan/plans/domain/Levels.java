package org.stepwise.plan.plans.domain;

import java.util.List;
import java.util.Optional;

import org.stepwise.contracts.plan.LevelOfCare;

/**
 * The ladder of levels Stepwise steps along (ASAM 3rd edition codes): 1.0 OP, 2.1 IOP,
 * 2.5 PHP. Residential (3.x) is outside what an outpatient program recommends.
 */
public final class Levels {

	private static final List<String> LADDER = List.of("1.0", "2.1", "2.5");

	private Levels() {
	}

	public static boolean known(String code) {
		return LADDER.contains(code);
	}

	public static Optional<LevelOfCare> higher(LevelOfCare level) {
		int index = LADDER.indexOf(level.code());
		return (index >= 0 && index < LADDER.size() - 1)
				? Optional.of(new LevelOfCare(LADDER.get(index + 1), level.edition())) : Optional.empty();
	}

	public static Optional<LevelOfCare> lower(LevelOfCare level) {
		int index = LADDER.indexOf(level.code());
		return (index > 0) ? Optional.of(new LevelOfCare(LADDER.get(index - 1), level.edition())) : Optional.empty();
	}

}
