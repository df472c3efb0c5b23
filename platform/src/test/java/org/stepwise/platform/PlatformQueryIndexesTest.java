package org.stepwise.platform;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.stepwise.platform.audit.AuditEntry;
import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.careteam.CareTeams;
import org.stepwise.testsupport.CareTeamEvents;
import org.stepwise.testsupport.QueryIndexes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's queries, which every service runs: audit reads, the outbox relay's sweep
 * and targeted reads (here on the audit collection; each service checks its own outbox
 * collections), and the care-team projection.
 */
class PlatformQueryIndexesTest {

	static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

	@Test
	void everyPlatformQueryIsAnsweredFromAnIndex() {
		QueryIndexes check = platformQueries(QueryIndexes.of("org.stepwise.platform.audit"));
		check.describe().forEach(System.out::println);
		assertThat(check.unindexed()).isEmpty();
		assertThat(check.names()).contains("audit read of a program", "audit read of a patient",
				"outbox sweep of audit", "audit chain place lookup", "audit chain check");
	}

	/** The queries of AuditLog, OutboxRelay and CareTeams. */
	private static QueryIndexes platformQueries(QueryIndexes check) {
		return check.entity(AuditEntry.class)
			.template("audit read of a program", AuditEntry.class, AuditLog.query("program-a", null, FROM, TO, 10))
			.template("audit read of a patient", AuditEntry.class,
					AuditLog.query("program-a", "patient-1", FROM, TO, 10))
			.template("outbox sweep of audit", AuditEntry.COLLECTION, OutboxRelay.pending())
			.lookup("audit chain place lookup", AuditEntry.COLLECTION, AuditLog.chainPlace("attendance-service", 7))
			.template("audit chain check", AuditEntry.COLLECTION, AuditLog.chainInOrder("attendance-service"))
			.lookup("outbox relay read of nudged audit entries", AuditEntry.COLLECTION,
					OutboxRelay.byIds(List.of("a", "b")))
			.lookup("outbox relay removal of published entries", AuditEntry.COLLECTION,
					new Query(Criteria.where("_id").is("a")))
			.lookup("care team read", CareTeams.COLLECTION, new Query(Criteria.where("_id").is("program-a/patient-1")))
			.template("care team update (older version or absent)", CareTeams.COLLECTION,
					CareTeams.olderOrAbsent(CareTeamEvents.planChanged("program-a", "patient-1", 2).data()));
	}

}
