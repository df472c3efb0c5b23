package org.stepwise.simulator.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What really happened to a synthetic patient: the reference the rule-quality report and
 * the early-warning evaluation hold Stepwise against.
 *
 * @param useDays every day with substance use (lapses and relapses)
 * @param lapseDays use days outside a relapse
 * @param relapseDay first day of the first relapse (repeated use), if any
 * @param dropoutDay last day the patient took part before dropping out, if any
 * @param safetyEventAt clinical time of the assessment with the safety answer, if any
 * @param stepDownReadyDay first day all step-down criteria of docs/clinical-rules.md
 * section 4 held (alerts aside), if any
 * @param observedDays days from enrolment to the end of the simulation
 * @param lapseOnsets the first use day of each episode of use (a lapse, or a relapse's
 * first day), in order
 * @param decoys precursor-like stretches that ended without use
 */
public record GroundTruth(String patientId, Archetype archetype, LocalDate enrolled, List<LocalDate> useDays,
		List<LocalDate> lapseDays, @Nullable LocalDate relapseDay, @Nullable LocalDate dropoutDay,
		@Nullable Instant safetyEventAt, @Nullable LocalDate stepDownReadyDay, int observedDays,
		List<LapseOnset> lapseOnsets, List<Episode> decoys) {

	public GroundTruth {
		useDays = List.copyOf(useDays);
		lapseDays = List.copyOf(lapseDays);
		lapseOnsets = List.copyOf(lapseOnsets);
		decoys = List.copyOf(decoys);
	}

	/** A truth without lapse-process detail (onsets and decoys unknown). */
	public GroundTruth(String patientId, Archetype archetype, LocalDate enrolled, List<LocalDate> useDays,
			List<LocalDate> lapseDays, @Nullable LocalDate relapseDay, @Nullable LocalDate dropoutDay,
			@Nullable Instant safetyEventAt, @Nullable LocalDate stepDownReadyDay, int observedDays) {
		this(patientId, archetype, enrolled, useDays, lapseDays, relapseDay, dropoutDay, safetyEventAt,
				stepDownReadyDay, observedDays, List.of(), List.of());
	}

	/**
	 * The first day of an episode of use.
	 *
	 * @param hadPrecursor whether the lapse process generated a precursor episode before
	 * it (false: a sudden lapse)
	 * @param precursorStart the precursor's first day, null for a sudden lapse
	 * @param continuedIntoRelapse whether the use went on as a relapse
	 */
	public record LapseOnset(LocalDate day, boolean hadPrecursor, @Nullable LocalDate precursorStart,
			boolean continuedIntoRelapse) {

	}

	/** Days {@code first} to {@code last}, both included. */
	public record Episode(LocalDate first, LocalDate last) {

	}

}
