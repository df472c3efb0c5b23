package org.stepwise.plan.progress;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.plan.plans.domain.PlanVersion;

/**
 * The few fields of a patient document that questions about all patients need: who is due
 * on the clinical clock, the census by level and risk, where event time resumes. The
 * patient documents hold every fact and grow with the treatment; the embedded store
 * answers a query it has no usable index for by decoding every document of the collection
 * (and an aggregation by holding them all at once: a 30 s census over 10,000 patient
 * documents ran the store out of heap). These stay small, so such queries read little,
 * here and on MongoDB.
 * <p>
 * Written after its patient document, from the same values, so it can lag behind it only
 * if the service stops or the store fails in between: then the patient is looked at early
 * (its next look only moves forward), which writes the entry again, and until then the
 * census is off by one.
 *
 * @param nextEvaluationAt when the clinical clock next needs to look at the patient
 * @param assessedAt the clinical time of the latest published assessment
 */
@Document("patient_index")
@CompoundIndex(name = "assessed", def = "{'assessedAt': 1}")
public record PatientIndex(@Id String patientId, @Nullable String levelOfCare, String riskLevel,
		@Indexed @Nullable Instant nextEvaluationAt, @Nullable Instant assessedAt) {

	static PatientIndex of(PatientFile file) {
		PlanVersion plan = file.state().plan();
		return new PatientIndex(file.patientId(), (plan != null) ? plan.levelOfCare().code() : null,
				file.state().riskLevel().name(), file.nextEvaluationAt(), file.state().assessedAt());
	}

}
