package org.stepwise.attendance.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Stores the records of a roster whose write stopped half way (a crash, a kill, a lost
 * store connection): each {@link RosterWrite} older than a request could still be working
 * on it has its missing records inserted, then goes. Inserting is idempotent (the
 * record's id is its session and patient), so two instances, or a pass and a retried
 * request, finishing the same roster store each record, and its event, once.
 */
@Component
class RosterRecovery {

	private static final Logger log = LoggerFactory.getLogger(RosterRecovery.class);

	/** Longer than any request takes to store a roster of at most 100 records. */
	static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);

	private final MongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	RosterRecovery(MongoTemplate mongo, OutboxRelay relay, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
	}

	/** Stores the records, then removes the intent. */
	void finish(RosterWrite write) {
		for (AttendanceRecord record : write.records()) {
			try {
				this.mongo.insert(record);
				this.relay.nudge(AttendanceRecord.class, record.id());
			}
			catch (DuplicateKeyException ex) {
				// stored before the interruption, or by a concurrent write of the same
				// patient's attendance, which came first and stays
			}
		}
		this.mongo.remove(new Query(Criteria.where("_id").is(write.id())), RosterWrite.class);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "${stepwise.attendance.roster-recovery-interval:PT30S}",
			initialDelayString = "${stepwise.attendance.roster-recovery-interval:PT30S}")
	void finishAbandoned() {
		finishStartedBefore(this.clock.instant().minus(ABANDONED_AFTER));
	}

	/**
	 * @return how many rosters were finished
	 */
	int finishStartedBefore(Instant cutoff) {
		List<RosterWrite> abandoned = this.mongo.find(new Query(Criteria.where("startedAt").lt(cutoff)).limit(100),
				RosterWrite.class);
		abandoned.forEach(this::finish);
		if (!abandoned.isEmpty()) {
			log.info("Finished {} roster write(s) interrupted before all their records were stored", abandoned.size());
		}
		return abandoned.size();
	}

}
