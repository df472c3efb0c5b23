package org.stepwise.assessment.instrument;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * The result of scoring an instrument.
 *
 * @param total null for instruments without a total (C-SSRS, UDS)
 * @param labels {@link SensitivityLabel#PART2} for substance-use instruments
 */
public record Score(@Nullable Integer total, Map<String, Integer> subscales, String band, List<AnalyteResult> analytes,
		SafetyLevel safety, Set<SensitivityLabel> labels) {

	public Score {
		subscales = Map.copyOf(subscales);
		analytes = List.copyOf(analytes);
		labels = Set.copyOf(labels);
	}

}
