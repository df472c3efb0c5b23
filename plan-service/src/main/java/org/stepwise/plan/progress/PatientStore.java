package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;

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

	/**
	 * The patients' documents, to be changed and written back: plan versions and
	 * recommendations their evaluation no longer needs are written to the plan history
	 * first and left out (the next write of the document drops them). Only what a stored
	 * document held goes to the history, so a change that loses its optimistic lock never
	 * leaves anything there.
	 */
	Map<String, PatientFile> load(Collection<String> patientIds) {
		List<PatientFile> found = this.mongo.find(new Query(Criteria.where("_id").in(patientIds)), PatientFile.class);
		return archived(found).stream().collect(Collectors.toMap(PatientFile::patientId, Function.identity()));
	}

	/** One patient's document to change, as {@link #load}. */
	public Optional<PatientFile> find(String patientId) {
		return Optional.ofNullable(load(List.of(patientId)).get(patientId));
	}

	private List<PatientFile> archived(List<PatientFile> files) {
		List<PatientFile> result = new ArrayList<>(files.size());
		BulkOperations history = null;
		for (PatientFile file : files) {
			PatientState.Split split = file.state().split();
			if (split.isEmpty()) {
				result.add(file);
				continue;
			}
			if (history == null) {
				history = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PlanRecord.class);
			}
			for (PlanVersion plan : split.pastPlans()) {
				upsert(history, PlanRecord.of(file.patientId(), plan));
			}
			for (Recommendation recommendation : split.closedRecommendations()) {
				upsert(history, PlanRecord.of(file.patientId(), recommendation));
			}
			result.add(file.withState(split.hot()));
		}
		if (history != null) {
			history.execute();
		}
		return result;
	}

	private static void upsert(BulkOperations bulk, PlanRecord record) {
		bulk.replaceOne(new Query(Criteria.where("_id").is(record.id())), record,
				FindAndReplaceOptions.options().upsert());
	}

	/**
	 * Every plan version of the patient, oldest first: the history's and the document's.
	 */
	public List<PlanVersion> planHistory(PatientFile file) {
		Map<Integer, PlanVersion> byVersion = new TreeMap<>();
		for (PlanRecord record : history(file.patientId())) {
			if (record.plan() != null) {
				byVersion.put(record.plan().version(), record.plan());
			}
		}
		file.state().plans().forEach((plan) -> byVersion.put(plan.version(), plan));
		return List.copyOf(byVersion.values());
	}

	/**
	 * Every recommendation made for the patient, in the order they were made: the
	 * history's and the document's (the document's is the newer word on one in both).
	 */
	public List<Recommendation> recommendations(PatientFile file) {
		Map<String, Recommendation> byId = new LinkedHashMap<>();
		for (PlanRecord record : history(file.patientId())) {
			if (record.recommendation() != null) {
				byId.put(record.recommendation().recommendationId(), record.recommendation());
			}
		}
		file.state().recommendations().forEach((r) -> byId.put(r.recommendationId(), r));
		return byId.values().stream().sorted(MADE_ORDER).toList();
	}

	/** A recommendation that has left its patient's document, by id. */
	public Optional<Recommendation> archivedRecommendation(String recommendationId) {
		return Optional
			.ofNullable(this.mongo.findById(PlanRecord.recommendationKey(recommendationId), PlanRecord.class))
			.map(PlanRecord::recommendation);
	}

	/** A plan version that has left its patient's document. */
	public Optional<PlanVersion> archivedPlan(String patientId, int version) {
		return Optional.ofNullable(this.mongo.findById(patientId + ":plan:" + version, PlanRecord.class))
			.map(PlanRecord::plan);
	}

	private List<PlanRecord> history(String patientId) {
		return this.mongo.find(
				new Query(Criteria.where("patientId").is(patientId)).with(Sort.by(Sort.Direction.ASC, "at")),
				PlanRecord.class);
	}

	/**
	 * Made first, first; the same instant by their number ({@code <patient>-rec-<n>}).
	 */
	private static final Comparator<Recommendation> MADE_ORDER = Comparator.comparing(Recommendation::madeAt)
		.thenComparingLong((r) -> number(r.recommendationId()))
		.thenComparing(Recommendation::recommendationId);

	private static long number(String recommendationId) {
		int dash = recommendationId.lastIndexOf('-');
		try {
			return Long.parseLong(recommendationId.substring(dash + 1));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
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
		return new PatientFile(file.patientId(), file.state(), file.appliedRequests(), file.nextEvaluationAt(), version,
				file.outbox());
	}

}
