package org.stepwise.contracts.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * A new version of a patient's treatment plan (enrolment, automatic adjustment, clinician
 * change or revert).
 *
 * @param version grows by one per change; consumers keep the highest
 * @param changedBy {@code system} for automatic changes, else the clinician id
 * @param phase IOP, AFTERCARE or CLOSED; events from before phases existed carry none and
 * read as IOP
 * @param phaseSince the clinical day the phase began (aftercare: the discharge day); none
 * for IOP plans from before phases existed
 */
public record PlanChanged(String planId, @Identifier String programId, @Identifier String patientId,
		@Range(min = 0) int version, LevelOfCare levelOfCare, boolean adolescent,
		@Range(min = 0, max = 168) BigDecimal weeklyHours, @Range(min = 0, max = 50) int sessionsPerWeek,
		List<String> careTeam, PlanMode mode, boolean locked, LocalDate startDate, ChangeDirection direction,
		String changedBy, List<Reason> reasons, String ruleSetVersion, Instant occurredAt, @Nullable PlanPhase phase,
		@Nullable LocalDate phaseSince) implements PlanEvent {

	public PlanChanged {
		if (phase == null) {
			phase = PlanPhase.IOP;
		}
	}

	/** A plan in treatment (IOP), as before phases existed. */
	public PlanChanged(String planId, String programId, String patientId, int version, LevelOfCare levelOfCare,
			boolean adolescent, BigDecimal weeklyHours, int sessionsPerWeek, List<String> careTeam, PlanMode mode,
			boolean locked, LocalDate startDate, ChangeDirection direction, String changedBy, List<Reason> reasons,
			String ruleSetVersion, Instant occurredAt) {
		this(planId, programId, patientId, version, levelOfCare, adolescent, weeklyHours, sessionsPerWeek, careTeam,
				mode, locked, startDate, direction, changedBy, reasons, ruleSetVersion, occurredAt, null, null);
	}

}
