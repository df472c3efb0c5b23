package org.stepwise.contracts.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * A new version of a patient's treatment plan (enrolment, automatic adjustment, clinician
 * change or revert).
 *
 * @param version grows by one per change; consumers keep the highest
 * @param changedBy {@code system} for automatic changes, else the clinician id
 */
public record PlanChanged(String planId, @Identifier String programId, @Identifier String patientId,
		@Range(min = 0) int version, LevelOfCare levelOfCare, boolean adolescent,
		@Range(min = 0, max = 168) BigDecimal weeklyHours, @Range(min = 0, max = 50) int sessionsPerWeek,
		List<String> careTeam, PlanMode mode, boolean locked, LocalDate startDate, ChangeDirection direction,
		String changedBy, List<Reason> reasons, String ruleSetVersion, Instant occurredAt) implements PlanEvent {
}
