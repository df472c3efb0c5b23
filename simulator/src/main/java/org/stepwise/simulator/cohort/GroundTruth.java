package org.stepwise.simulator.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What really happened to a synthetic patient: the reference the rule-quality report
 * holds Stepwise's alerts and plan changes against.
 *
 * @param useDays every day with substance use (lapses and the relapse)
 * @param lapseDays use days outside a relapse
 * @param relapseDay first day of the relapse (repeated use), if any
 * @param dropoutDay last day the patient took part before dropping out, if any
 * @param safetyEventAt clinical time of the assessment with the safety answer, if any
 * @param stepDownReadyDay first day all step-down criteria of CLINICAL.md section 4 held
 * (alerts aside), if any
 * @param observedDays days from enrolment to the end of the simulation
 */
public record GroundTruth(String patientId, Archetype archetype, LocalDate enrolled, List<LocalDate> useDays,
		List<LocalDate> lapseDays, @Nullable LocalDate relapseDay, @Nullable LocalDate dropoutDay,
		@Nullable Instant safetyEventAt, @Nullable LocalDate stepDownReadyDay, int observedDays) {

	public GroundTruth {
		useDays = List.copyOf(useDays);
		lapseDays = List.copyOf(lapseDays);
	}

}
