package org.stepwise.attendance;

import org.junit.jupiter.api.Test;

import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.QueryIndexes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query attendance-service sends to its store is answered from a declared index:
 * its repositories' query methods (found by reflection, so a new one needs an index), the
 * optimistic-lock saves of sessions and records, and the outbox relay's sweep of both
 * collections.
 */
class AttendanceQueryIndexesTest {

	@Test
	void everyQueryIsAnsweredFromAnIndex() {
		QueryIndexes check = QueryIndexes.of("org.stepwise.attendance")
			.template("outbox sweep of sessions", "sessions", OutboxRelay.pending())
			.template("outbox sweep of attendance", "attendance", OutboxRelay.pending());
		check.describe().forEach(System.out::println);
		assertThat(check.unindexed()).isEmpty();
		assertThat(check.names()).contains("SessionRepository.findByRosterMember", "SessionRepository.findEndedBetween",
				"AttendanceRepository.findByPatientIdOrderByOccurredAtAsc", "optimistic-lock save of Session",
				"optimistic-lock save of AttendanceRecord");
	}

}
