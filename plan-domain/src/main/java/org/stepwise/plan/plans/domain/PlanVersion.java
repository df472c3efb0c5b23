package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;

/**
 * One version of a treatment plan; versions are appended, never changed.
 *
 * @param levelSince the first clinical day in the current level
 * @param changedBy {@code system} or the clinician id
 * @param phase IOP, AFTERCARE or CLOSED (docs/clinical-rules.md section 8)
 * @param phaseSince the first clinical day of the phase (null for IOP plans from before
 * phases existed: their phase began at {@code startDate})
 */
public record PlanVersion(int version, LevelOfCare levelOfCare, boolean adolescent, BigDecimal weeklyHours,
		int sessionsPerWeek, List<String> modalities, List<String> careTeam, PlanMode mode, boolean locked,
		Bounds bounds, LocalDate startDate, LocalDate levelSince, ChangeDirection direction, String changedBy,
		List<Reason> reasons, String ruleSetVersion, Instant occurredAt, PlanPhase phase,
		@Nullable LocalDate phaseSince) {

	public static final String SYSTEM = "system";

	public PlanVersion {
		// versions stored before phases existed are in treatment
		phase = (phase == null) ? PlanPhase.IOP : phase;
		modalities = List.copyOf(modalities == null ? List.of() : modalities);
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		reasons = List.copyOf(reasons == null ? List.of() : reasons);
		bounds = (bounds == null) ? Bounds.NONE : bounds;
	}

	/** A version in treatment (IOP), as before phases existed. */
	public PlanVersion(int version, LevelOfCare levelOfCare, boolean adolescent, BigDecimal weeklyHours,
			int sessionsPerWeek, List<String> modalities, List<String> careTeam, PlanMode mode, boolean locked,
			Bounds bounds, LocalDate startDate, LocalDate levelSince, ChangeDirection direction, String changedBy,
			List<Reason> reasons, String ruleSetVersion, Instant occurredAt) {
		this(version, levelOfCare, adolescent, weeklyHours, sessionsPerWeek, modalities, careTeam, mode, locked, bounds,
				startDate, levelSince, direction, changedBy, reasons, ruleSetVersion, occurredAt, PlanPhase.IOP, null);
	}

	/**
	 * In treatment (IOP, at any level): the program's instrument schedule applies; in
	 * aftercare the lighter aftercare schedule does, and a closed patient has none.
	 */
	public boolean inTreatment() {
		return this.phase == PlanPhase.IOP;
	}

	public boolean inAftercare() {
		return this.phase == PlanPhase.AFTERCARE;
	}

	public boolean closed() {
		return this.phase == PlanPhase.CLOSED;
	}

	/** The first clinical day of the current phase. */
	public LocalDate phaseStart() {
		return (this.phaseSince != null) ? this.phaseSince : this.startDate;
	}

	/** The next version in another phase, from {@code since}, by whom and why. */
	public PlanVersion inPhase(PlanPhase phase, LocalDate since, String changedBy, List<Reason> reasons,
			String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, this.levelOfCare, this.adolescent, this.weeklyHours,
				this.sessionsPerWeek, this.modalities, this.careTeam, this.mode, this.locked, this.bounds,
				this.startDate, this.levelSince, ChangeDirection.UNCHANGED_INTENSITY, changedBy, reasons,
				ruleSetVersion, at, phase, since);
	}

	/** The next version with the given changes to intensity, by whom and why. */
	public PlanVersion next(LevelOfCare level, LocalDate levelSince, BigDecimal hours, int sessions,
			ChangeDirection direction, String changedBy, List<Reason> reasons, String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, level, this.adolescent, hours, sessions, this.modalities,
				this.careTeam, this.mode, this.locked, this.bounds, this.startDate, levelSince, direction, changedBy,
				reasons, ruleSetVersion, at, this.phase, this.phaseSince);
	}

	/** The next version with other settings (lock, bounds, care team, mode). */
	public PlanVersion settings(boolean locked, Bounds bounds, List<String> careTeam, PlanMode mode,
			List<String> modalities, String changedBy, List<Reason> reasons, String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, this.levelOfCare, this.adolescent, this.weeklyHours,
				this.sessionsPerWeek, modalities, careTeam, mode, locked, bounds, this.startDate, this.levelSince,
				ChangeDirection.UNCHANGED_INTENSITY, changedBy, reasons, ruleSetVersion, at, this.phase,
				this.phaseSince);
	}

	/**
	 * The next version back in treatment (IOP) at another level, from {@code today}: a
	 * return from aftercare.
	 */
	public PlanVersion returned(LevelOfCare level, BigDecimal hours, int sessions, LocalDate today, String changedBy,
			List<Reason> reasons, String ruleSetVersion, Instant at) {
		return new PlanVersion(this.version + 1, level, this.adolescent, hours, sessions, this.modalities,
				this.careTeam, this.mode, this.locked, this.bounds, this.startDate, today, ChangeDirection.STEP_UP,
				changedBy, reasons, ruleSetVersion, at, PlanPhase.IOP, today);
	}

}
