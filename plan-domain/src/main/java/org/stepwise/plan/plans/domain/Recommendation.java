package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationKind;

/** A level-of-care change awaiting, or having had, a clinician's decision. */
public record Recommendation(String recommendationId, RecommendationKind kind, LevelOfCare fromLevel,
		LevelOfCare toLevel, List<Reason> reasons, Status status, Instant madeAt, @Nullable Instant decidedAt,
		@Nullable String decidedBy) {

	public enum Status {

		PENDING, APPROVED, DECLINED

	}

	public Recommendation decided(boolean approved, String by, Instant at) {
		return new Recommendation(this.recommendationId, this.kind, this.fromLevel, this.toLevel, this.reasons,
				approved ? Status.APPROVED : Status.DECLINED, this.madeAt, at, by);
	}

}
