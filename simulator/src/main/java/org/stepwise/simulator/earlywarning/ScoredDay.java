package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One patient-day as the early-warning model saw it.
 *
 * @param patientId the patient
 * @param subgroups the patient's subgroup values by attribute, e.g. {@code age=ADULT},
 * {@code program=ADDICTION}, {@code sex=FEMALE}
 * @param split {@link Evaluation#TUNING} or {@link Evaluation#HELD_OUT} (any name works;
 * figures are kept apart per split)
 * @param day the day
 * @param score the model's chance of use in the next 7 days, 0 to 1
 * @param level the alert state that day after hysteresis
 * @param useOnDay whether the patient used that day (ground truth)
 */
public record ScoredDay(String patientId, Map<String, String> subgroups, String split, LocalDate day, double score,
		LapseRiskLevel level, boolean useOnDay) {

	public ScoredDay {
		Objects.requireNonNull(patientId, "patientId");
		subgroups = Map.copyOf(subgroups);
		Objects.requireNonNull(split, "split");
		Objects.requireNonNull(day, "day");
		Objects.requireNonNull(level, "level");
		if (!(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException(
					"score must lie in 0..1, was " + score + " for " + patientId + " on " + day);
		}
	}

}
