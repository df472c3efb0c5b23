package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.bulk.BulkWriteResult;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads and writes of patient documents, and of their {@link PatientIndex} entries: one
 * query for a batch's patients, one unordered bulk write for their new versions, each
 * replace conditional on the version read (the optimistic lock Spring Data's {@code save}
 * would apply one by one). If any document changed in between (a request, another pass,
 * or the outbox relay removing published events),
 * {@link OptimisticLockingFailureException} asks the caller to re-read and redo the
 * batch; the writes that did succeed are idempotent to redo.
 */
@Component
public class PatientStore {

	private static final int INDEX_BATCH = 500;

	private final MongoTemplate mongo;

	PatientStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Map<String, PatientFile> load(Collection<String> patientIds) {
		return this.mongo.find(new Query(Criteria.where("_id").in(patientIds)), PatientFile.class)
			.stream()
			.collect(Collectors.toMap(PatientFile::patientId, Function.identity()));
	}

	/** Patients the clinical clock has made due: found in the index, read by id. */
	List<PatientFile> due(Instant now, int limit) {
		List<String> ids = this.mongo
			.find(new Query(Criteria.where("nextEvaluationAt").lte(now)).limit(limit), PatientIndex.class)
			.stream()
			.map(PatientIndex::patientId)
			.toList();
		return ids.isEmpty() ? List.of() : List.copyOf(load(ids).values());
	}

	/** The clinical time of the latest evaluation stored, if any. */
	Optional<Instant> latestAssessment() {
		Query latest = new Query(Criteria.where("assessedAt").ne(null)).with(Sort.by(Sort.Direction.DESC, "assessedAt"))
			.limit(1);
		return Optional.ofNullable(this.mongo.findOne(latest, PatientIndex.class)).map(PatientIndex::assessedAt);
	}

	/**
	 * Saves one patient document (optimistic lock on its version) and its index entry.
	 */
	public PatientFile save(PatientFile file) {
		PatientFile saved = this.mongo.save(file);
		writeIndex(List.of(saved));
		return saved;
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
		writeIndex(files);
	}

	private void writeIndex(List<PatientFile> files) {
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PatientIndex.class);
		for (PatientFile file : files) {
			bulk.replaceOne(new Query(Criteria.where("_id").is(file.patientId())), PatientIndex.of(file),
					FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
	}

	/**
	 * Writes the index entries of patient documents that have none (documents written
	 * before the index existed); one pass over the patient documents, only when the
	 * counts differ.
	 * @return how many entries were written
	 */
	int completeIndex() {
		if (this.mongo.estimatedCount(PatientIndex.class) >= this.mongo.estimatedCount(PatientFile.class)) {
			return 0;
		}
		int written = 0;
		List<PatientFile> batch = new ArrayList<>();
		try (Stream<PatientFile> all = this.mongo.stream(new Query(), PatientFile.class)) {
			for (PatientFile file : (Iterable<PatientFile>) all::iterator) {
				batch.add(file);
				if (batch.size() == INDEX_BATCH) {
					writeIndex(batch);
					written += batch.size();
					batch.clear();
				}
			}
		}
		if (!batch.isEmpty()) {
			writeIndex(batch);
			written += batch.size();
		}
		return written;
	}

	private static PatientFile withVersion(PatientFile file, long version) {
		return new PatientFile(file.patientId(), file.state(), file.appliedEventIds(), file.nextEvaluationAt(), version,
				file.outbox());
	}

}
