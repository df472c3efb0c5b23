package org.stepwise.alert;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.timeline.TimelineEntry;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.QueryIndexes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query alert-service sends to its store is answered from a declared index: its
 * repositories' query methods (the alert lists, the console timeline, webhook deliveries,
 * a program's FHIR subscriptions; found by reflection), the optimistic-lock saves, the
 * timeline's upserts and the outbox relay's sweep.
 */
class AlertQueryIndexesTest {

	@Test
	void everyQueryIsAnsweredFromAnIndex() {
		QueryIndexes check = QueryIndexes.of("org.stepwise.alert")
			.lookup("timeline upsert", TimelineEntry.class, new Query(Criteria.where("_id").is("record-1")))
			.lookup("alert by id", Alert.class, new Query(Criteria.where("_id").in(List.of("a", "b"))))
			.template("outbox sweep of alerts", "alerts", OutboxRelay.pending());
		check.describe().forEach(System.out::println);
		assertThat(check.unindexed()).isEmpty();
		assertThat(check.names()).contains("AlertRepository.findByPatientIdInAndStatusIn",
				"AlertRepository.findByPatientIdOrderByRaisedAtDesc",
				"AlertRepository.findByProgramIdInAndStatusInOrderByRaisedAtDesc",
				"AlertRepository.findDueForEscalation", "TimelineRepository.findByPatientIdOrderByAtAsc",
				"optimistic-lock save of Alert", "FhirSubscriptionRepository.findByProgramId");
	}

}
