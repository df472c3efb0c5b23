package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.Reason;

/**
 * One version of a treatment plan; versions are appended, never changed.
 *
 * @param levelSince the first clinical day in the current level
 * @param changedBy {@code system} or the clinician id
 */
public record PlanVersion(int version, LevelOfCare levelOfCare, boolean adolescent, BigDecimal weeklyHours,
		int sessionsPerWeek, List<String> modalities, List<String> careTeam, PlanMode mode, boolean locked,
		Bounds bounds, LocalDate startDate, LocalDate levelSince, ChangeDirection direction, String changedBy,
		List<Reason> reasons, String ruleSetVersion, Instant occurredAt) {

	public static final String SYSTEM = "system";

	public PlanVersion {
		modalities = List.copyOf(modalities == null ? List.of() : modalities);
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		reasons = List.copyOf(reasons == null ? List.of() : reasons);
		bounds = (bounds == null) ? Bounds.NONE : bounds;
	}

	/** The next version with the given changes to intensity, by whom and why. */
	public PlanVersion next(LevelOfCare level, LocalDate levelSince, BigDecimal hours, int sessions,
			ChangeDirection direction, String changedBy, List<Reason> reasons, String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, level, this.adolescent, hours, sessions, this.modalities,
				this.careTeam, this.mode, this.locked, this.bounds, this.startDate, levelSince, direction, changedBy,
				reasons, ruleSetVersion, at);
	}

	/** The next version with other settings (lock, bounds, care team, mode). */
	public PlanVersion settings(boolean locked, Bounds bounds, List<String> careTeam, PlanMode mode,
			List<String> modalities, String changedBy, List<Reason> reasons, String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, this.levelOfCare, this.adolescent, this.weeklyHours,
				this.sessionsPerWeek, modalities, careTeam, mode, locked, bounds, this.startDate, this.levelSince,
				ChangeDirection.UNCHANGED_INTENSITY, changedBy, reasons, ruleSetVersion, at);
	}

}
