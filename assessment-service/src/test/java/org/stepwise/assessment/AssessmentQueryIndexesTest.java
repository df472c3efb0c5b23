package org.stepwise.assessment;

import org.junit.jupiter.api.Test;

import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.QueryIndexes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query assessment-service sends to its store is answered from a declared index:
 * its repositories' query methods (found by reflection, so a new one needs an index) and
 * the outbox relay's sweep of both collections.
 */
class AssessmentQueryIndexesTest {

	@Test
	void everyQueryIsAnsweredFromAnIndex() {
		QueryIndexes check = QueryIndexes.of("org.stepwise.assessment")
			.template("outbox sweep of assessments", "assessments", OutboxRelay.pending())
			.template("outbox sweep of check-ins", "checkins", OutboxRelay.pending());
		check.describe().forEach(System.out::println);
		assertThat(check.unindexed()).isEmpty();
		assertThat(check.names()).contains("AssessmentRepository.findByPatientIdOrderByOccurredAtAsc",
				"AssessmentRepository.findByPatientIdAndInstrumentOrderByOccurredAtAsc",
				"CheckInRepository.findByPatientIdOrderByOccurredAtAsc");
	}

}
