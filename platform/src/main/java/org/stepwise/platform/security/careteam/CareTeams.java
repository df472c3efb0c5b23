package org.stepwise.platform.security.careteam;

import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.platform.inbox.EventBatchHandler;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * Who is on each patient's care team, per program: a read model of
 * {@code stepwise.plans.v1} {@link PlanChanged#careTeam()} in the {@value #COLLECTION}
 * collection, so services other than plan-service can scope clinicians to their own
 * patients. The highest plan version wins, so duplicates and out-of-order events change
 * nothing.
 */
public class CareTeams implements EventBatchHandler {

	public static final String COLLECTION = "care_teams";

	private final MongoTemplate mongo;

	public CareTeams(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The care team of a patient in a program, empty when no plan of that patient is
	 * known yet.
	 */
	public Optional<List<String>> careTeam(String programId, String patientId) {
		Document document = this.mongo.findById(id(programId, patientId), Document.class, COLLECTION);
		return Optional.ofNullable(document).map((d) -> d.getList("careTeam", String.class));
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		for (ReceivedEvent event : events) {
			if (event.data() instanceof PlanChanged plan) {
				apply(plan);
			}
		}
	}

	void apply(PlanChanged plan) {
		Query olderOrAbsent = olderOrAbsent(plan);
		Update update = new Update().set("programId", plan.programId())
			.set("patientId", plan.patientId())
			.set("careTeam", List.copyOf(plan.careTeam()))
			.set("version", plan.version());
		try {
			this.mongo.upsert(olderOrAbsent, update, COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// a newer (or the same) version is stored already
		}
	}

	/**
	 * The stored care team older than this plan version, or none: by {@code _id} on
	 * MongoDB; the embedded store scans the (small) collection for it.
	 */
	public static Query olderOrAbsent(PlanChanged plan) {
		return new Query(
				Criteria.where("_id").is(id(plan.programId(), plan.patientId())).and("version").lt(plan.version()));
	}

	static String id(String programId, String patientId) {
		return programId + "/" + patientId;
	}

}
