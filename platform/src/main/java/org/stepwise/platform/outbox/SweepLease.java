package org.stepwise.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which instance of a service runs the relay's periodic sweep, the pass that publishes
 * what a crashed instance left in the outbox: the holder of one lease document in the
 * service's database, renewed at each sweep. A killed holder's lease expires and another
 * instance takes over; a stopped one gives it up. Each instance still publishes its own
 * writes at once (targeted nudges): only the leftovers need an owner, and without one
 * every instance would publish the same leftovers at every sweep.
 */
final class SweepLease {

	static final String COLLECTION = "outbox_sweep_lease";

	private static final String ID = "sweep";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration term;

	private final String owner = UUID.randomUUID().toString();

	/**
	 * @param term how long the lease holds without renewal: longer than the sweep
	 * interval, so a live holder keeps it
	 */
	SweepLease(MongoTemplate mongo, Clock clock, Duration term) {
		this.mongo = mongo;
		this.clock = clock;
		this.term = term;
	}

	/** Takes or renews the lease; false while another instance holds it. */
	boolean acquire() {
		Instant now = this.clock.instant();
		Query mineOrExpired = new Query(Criteria.where("_id")
			.is(ID)
			.orOperator(Criteria.where("owner").is(this.owner), Criteria.where("until").lt(Date.from(now))));
		Update held = new Update().set("owner", this.owner).set("until", Date.from(now.plus(this.term)));
		if (this.mongo.findAndModify(mineOrExpired, held, FindAndModifyOptions.options().returnNew(true),
				Document.class, COLLECTION) != null) {
			return true;
		}
		// Not an upsert: while another instance holds the lease, that would fail with a
		// duplicate key at every sweep, which the embedded store logs as an error.
		if (this.mongo.exists(new Query(Criteria.where("_id").is(ID)), COLLECTION)) {
			return false;
		}
		try {
			this.mongo.insert(
					new Document("_id", ID).append("owner", this.owner).append("until", Date.from(now.plus(this.term))),
					COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			// another instance created it first
			return false;
		}
	}

	/**
	 * Gives the lease up (on a clean stop), so another instance need not wait for it to
	 * expire.
	 */
	void release() {
		this.mongo.remove(new Query(Criteria.where("_id").is(ID).and("owner").is(this.owner)), COLLECTION);
	}

}
