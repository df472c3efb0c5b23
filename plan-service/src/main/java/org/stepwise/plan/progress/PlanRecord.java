package org.stepwise.plan.progress;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;

/**
 * One entry of a patient's plan history, written once when it leaves the patient's
 * document (append-only; a repeated write puts the same content under the same id): a
 * superseded plan version, or a closed recommendation no rule reads any more. The plan
 * API's history and recommendation reads merge these with what the patient document still
 * holds.
 *
 * @param at when the version was made, or the recommendation
 */
@Document("plan_history")
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'at': 1}")
public record PlanRecord(@Id String id, String patientId, Instant at, @Nullable PlanVersion plan,
		@Nullable Recommendation recommendation) {

	static PlanRecord of(String patientId, PlanVersion plan) {
		return new PlanRecord(patientId + ":plan:" + plan.version(), patientId, plan.occurredAt(), plan, null);
	}

	static PlanRecord of(String patientId, Recommendation recommendation) {
		return new PlanRecord(recommendationKey(recommendation.recommendationId()), patientId, recommendation.madeAt(),
				null, recommendation);
	}

	/** Recommendation ids are unique across patients (they start with the patient's). */
	static String recommendationKey(String recommendationId) {
		return "recommendation:" + recommendationId;
	}

}
