package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationKind;

/**
 * A level-of-care change awaiting, or having had, a clinician's decision. At most one is
 * PENDING per kind, so at most one per direction; plan-service closes a pending one by
 * itself when it goes stale: WITHDRAWN when a newer recommendation in the opposite
 * direction supersedes it (a STEP_DOWN withdraws a pending STEP_UP and the other way
 * round), EXPIRED when nobody decided it within {@code recommendationExpiryDays}. Either
 * is decided by {@link #STEPWISE}, with {@code closedReason} saying why; neither can be
 * approved or declined afterwards.
 *
 * @param closedReason why plan-service closed it (null while pending and for a
 * clinician's decision)
 */
public record Recommendation(String recommendationId, RecommendationKind kind, LevelOfCare fromLevel,
		LevelOfCare toLevel, List<Reason> reasons, Status status, Instant madeAt, @Nullable Instant decidedAt,
		@Nullable String decidedBy, @Nullable String closedReason) {

	/** Who closes a stale recommendation. */
	public static final String STEPWISE = "stepwise";

	public enum Status {

		PENDING, APPROVED, DECLINED, WITHDRAWN, EXPIRED

	}

	public Recommendation decided(boolean approved, String by, Instant at) {
		return new Recommendation(this.recommendationId, this.kind, this.fromLevel, this.toLevel, this.reasons,
				approved ? Status.APPROVED : Status.DECLINED, this.madeAt, at, by, null);
	}

	/** Closed by plan-service (WITHDRAWN or EXPIRED), with why. */
	public Recommendation closed(Status status, String reason, Instant at) {
		return new Recommendation(this.recommendationId, this.kind, this.fromLevel, this.toLevel, this.reasons, status,
				this.madeAt, at, STEPWISE, reason);
	}

}
