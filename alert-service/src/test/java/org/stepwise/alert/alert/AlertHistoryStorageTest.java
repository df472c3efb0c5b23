package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts stored before the history was collapsed (no {@code count}, {@code lastAt} or
 * {@code historyDropped}) still read, and collapse from then on; the new fields survive
 * the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AlertHistoryStorageTest {

	static final Instant T0 = Instant.parse("2026-03-04T21:00:00Z");

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AlertRepository alerts;

	@Autowired
	OutboxEvents events;

	@Test
	void anAlertStoredByAnEarlierVersionReadsAndItsIdenticalUpdatesCollapseFromThenOn() {
		String id = "alert-" + System.nanoTime();
		this.mongo.getCollection("alerts")
			.insertOne(new Document("_id", id).append("programId", "program-a")
				.append("patientId", "patient-" + id)
				.append("kind", "DISENGAGEMENT")
				.append("severity", "MEDIUM")
				.append("status", "OPEN")
				.append("evidence", "2 unexcused no-shows in a row")
				.append("values", new Document("consecutiveNoShows", "2"))
				.append("careTeam", List.of("clinician-1"))
				.append("sourceEventIds", List.of("event-2"))
				.append("progressRevision", 2L)
				.append("raisedAt", Date.from(T0))
				.append("updatedAt", Date.from(T0.plusSeconds(60)))
				.append("history", List.of(transition("RAISED", T0), transition("UPDATED", T0.plusSeconds(60))))
				.append("version", 3L)
				.append("outbox", List.of()));

		Alert old = this.alerts.findById(id).orElseThrow();
		assertThat(old.historyDropped()).isZero();
		assertThat(old.history()).extracting(Alert.Transition::count).containsExactly(1, 1);
		assertThat(old.history()).extracting(Alert.Transition::lastAt).containsOnlyNulls();

		Instant again = T0.plusSeconds(120);
		AlertChanged event = new AlertChanged(id, old.programId(), old.patientId(), old.kind(), "UPDATED",
				AlertStatus.OPEN, Severity.MEDIUM, old.evidence(), "system", again);
		this.alerts.save(old.with(Severity.MEDIUM, AlertStatus.OPEN, old.evidence(), old.values(), old.sourceEventIds(),
				3, new Alert.Transition("UPDATED", AlertStatus.OPEN, Severity.MEDIUM, "system", again, null),
				this.events.entry(event, again)));

		Alert updated = this.alerts.findById(id).orElseThrow();
		assertThat(updated.history()).extracting(Alert.Transition::change).containsExactly("RAISED", "UPDATED");
		assertThat(updated.history().get(1)).satisfies((row) -> {
			assertThat(row.count()).isEqualTo(2);
			assertThat(row.at()).isEqualTo(T0.plusSeconds(60));
			assertThat(row.lastAt()).isEqualTo(again);
		});
	}

	private static Document transition(String change, Instant at) {
		return new Document("change", change).append("status", "OPEN")
			.append("severity", "MEDIUM")
			.append("by", "system")
			.append("at", Date.from(at));
	}

}
