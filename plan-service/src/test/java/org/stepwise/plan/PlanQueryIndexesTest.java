package org.stepwise.plan;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.stepwise.plan.progress.PatientFile;
import org.stepwise.plan.progress.PatientIndex;
import org.stepwise.plan.progress.PlanRecord;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.QueryIndexes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query plan-service sends to its store is answered from a declared index: its
 * repositories' query methods (the recommendation lookup among them; found by
 * reflection), the optimistic-lock saves, PatientStore's and the instruments-due queries
 * (a copy here: registered by hand; the plan history's serves the FHIR EpisodeOfCare and
 * CarePlan versions too) and the outbox relay's sweep.
 */
class PlanQueryIndexesTest {

	@Test
	void everyQueryIsAnsweredFromAnIndex() {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		QueryIndexes check = QueryIndexes.of("org.stepwise.plan")
			.lookup("patient files of a batch", PatientFile.class,
					new Query(Criteria.where("_id").in(List.of("patient-1", "patient-2"))))
			.lookup("patient file write (optimistic lock)", PatientFile.class,
					new Query(Criteria.where("_id").is("patient-1").and("version").is(3L)))
			.template("patients due for evaluation", PatientIndex.class,
					new Query(Criteria.where("nextEvaluationAt").lte(now)).limit(100))
			.template("latest assessment time", PatientIndex.class,
					new Query(Criteria.where("assessedAt").ne(null)).with(Sort.by(Sort.Direction.DESC, "assessedAt"))
						.limit(1))
			.template("instruments due on a caseload", PatientIndex.class,
					new Query(Criteria.where("programId").in(List.of("program-a", "program-b"))))
			.template("plan history of a patient (the JSON history, FHIR EpisodeOfCare and vread)", PlanRecord.class,
					new Query(Criteria.where("patientId").is("patient-1")).with(Sort.by(Sort.Direction.ASC, "at")))
			.template("outbox sweep of patients", "patients", OutboxRelay.pending())
			.template("outbox sweep of programs", "programs", OutboxRelay.pending());
		check.describe().forEach(System.out::println);
		assertThat(check.unindexed()).isEmpty();
		assertThat(check.names()).contains("PatientFileRepository.findByRecommendation",
				"optimistic-lock save of Program");
	}

}
