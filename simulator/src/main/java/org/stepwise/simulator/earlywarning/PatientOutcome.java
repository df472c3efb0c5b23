package org.stepwise.simulator.earlywarning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one patient over the observation (ground truth of the simulated
 * cohort).
 *
 * @param patientId the patient
 * @param subgroups as on the patient's {@link ScoredDay}s
 * @param split as on the patient's {@link ScoredDay}s
 * @param lapseOnsets the first day of each lapse (a return to use after abstinence)
 * @param observedDays how many days the patient was observed; the denominator of every
 * "per 10 patient-weeks"
 */
public record PatientOutcome(String patientId, Map<String, String> subgroups, String split, List<Onset> lapseOnsets,
		int observedDays) {

	public PatientOutcome {
		Objects.requireNonNull(patientId, "patientId");
		subgroups = Map.copyOf(subgroups);
		Objects.requireNonNull(split, "split");
		lapseOnsets = List.copyOf(lapseOnsets);
		if (observedDays < 0) {
			throw new IllegalArgumentException("observedDays must not be negative: " + observedDays);
		}
	}

	/**
	 * The first day of a lapse.
	 *
	 * @param day the day of use that starts the lapse
	 * @param hadPrecursor whether the generator put precursors (rising craving, falling
	 * confidence, a high-risk situation...) before it; lapses without one are the ones no
	 * model can foresee
	 */
	public record Onset(LocalDate day, boolean hadPrecursor) {

		public Onset {
			Objects.requireNonNull(day, "day");
		}

	}

}
