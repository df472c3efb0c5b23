package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.bulk.BulkWriteResult;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Bulk reads and writes of patient documents: one query for a batch's patients, one
 * unordered bulk write for their new versions, each replace conditional on the version
 * read (the optimistic lock Spring Data's {@code save} would apply one by one). If any
 * document changed in between (a request, another pass, or the outbox relay removing
 * published events), {@link OptimisticLockingFailureException} asks the caller to re-read
 * and redo the batch; the writes that did succeed are idempotent to redo.
 */
@Component
class PatientStore {

	private final MongoTemplate mongo;

	PatientStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Map<String, PatientFile> load(Collection<String> patientIds) {
		return this.mongo.find(new Query(Criteria.where("_id").in(patientIds)), PatientFile.class)
			.stream()
			.collect(Collectors.toMap(PatientFile::patientId, Function.identity()));
	}

	List<PatientFile> due(Instant now, int limit) {
		return this.mongo.find(new Query(Criteria.where("nextEvaluationAt").lte(now)).limit(limit), PatientFile.class);
	}

	/** The clinical time of the latest evaluation stored, if any. */
	Optional<Instant> latestAssessment() {
		Query latest = new Query(Criteria.where("state.assessedAt").ne(null))
			.with(Sort.by(Sort.Direction.DESC, "state.assessedAt"))
			.limit(1);
		return Optional.ofNullable(this.mongo.findOne(latest, PatientFile.class))
			.map((file) -> file.state().assessedAt());
	}

	void writeAll(List<PatientFile> files) {
		if (files.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PatientFile.class);
		int replaces = 0;
		for (PatientFile file : files) {
			if (file.version() == null) {
				bulk.insert(withVersion(file, 0L));
			}
			else {
				bulk.replaceOne(new Query(Criteria.where("_id").is(file.patientId()).and("version").is(file.version())),
						withVersion(file, file.version() + 1));
				replaces++;
			}
		}
		try {
			BulkWriteResult result = bulk.execute();
			if (result.getMatchedCount() < replaces) {
				throw new OptimisticLockingFailureException("a patient document changed during the batch");
			}
		}
		catch (BulkOperationException | DuplicateKeyException ex) {
			throw new OptimisticLockingFailureException("a patient document changed during the batch", ex);
		}
	}

	private static PatientFile withVersion(PatientFile file, long version) {
		return new PatientFile(file.patientId(), file.state(), file.appliedEventIds(), file.nextEvaluationAt(),
				file.levelOfCare(), file.riskLevel(), version, file.outbox());
	}

}
