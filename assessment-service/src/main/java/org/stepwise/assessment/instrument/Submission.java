package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a client submits for scoring: item responses by item id, drug-screen analytes (UDS
 * only), and the sex that AUDIT-C's cut-off depends on (>= 4 men, >= 3 women; used for
 * scoring only, neither stored nor published).
 */
public record Submission(Map<String, Integer> items, List<Analyte> analytes, @Nullable Sex sex) {

	public Submission {
		items = Map.copyOf(items == null ? Map.of() : items);
		analytes = List.copyOf(analytes == null ? List.of() : analytes);
	}

	public static Submission of(Map<String, Integer> items) {
		return new Submission(items, List.of(), null);
	}

	public enum Sex {

		FEMALE, MALE

	}

	/** One drug-screen result as the lab reports it. */
	public record Analyte(String analyte, boolean positive, boolean confirmatory, boolean prescribed) {
	}

}
