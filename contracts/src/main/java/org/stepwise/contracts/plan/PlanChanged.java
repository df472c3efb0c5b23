package org.stepwise.contracts.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A new version of a patient's treatment plan (enrolment, automatic adjustment, clinician
 * change or revert).
 *
 * @param version grows by one per change; consumers keep the highest
 * @param changedBy {@code system} for automatic changes, else the clinician id
 */
public record PlanChanged(String planId, String programId, String patientId, int version, LevelOfCare levelOfCare,
		boolean adolescent, BigDecimal weeklyHours, int sessionsPerWeek, List<String> careTeam, PlanMode mode,
		boolean locked, LocalDate startDate, ChangeDirection direction, String changedBy, List<Reason> reasons,
		String ruleSetVersion, Instant occurredAt) implements PlanEvent {
}
