package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.bulk.BulkWriteResult;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.plan.programs.Programs;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * Reads and writes of patient documents, and of their {@link PatientIndex} entries: one
 * query for a batch's patients, one unordered bulk write for their new versions, each
 * conditional on the version read (the optimistic lock Spring Data's {@code save} would
 * apply one by one). If any document changed in between (a request, another pass),
 * {@link OptimisticLockingFailureException} asks the caller to re-read and redo the
 * batch; the writes that did succeed are idempotent to redo.
 * <p>
 * A write sets the document's fields and appends its new outbox entries ({@code $push});
 * it never writes back the entries it read, which the outbox relay may have published and
 * removed meanwhile. So the relay removes them without changing the version
 * ({@code stepwise.outbox.append-only}), and publishing never fails a batch's optimistic
 * lock: under load it did, and the whole batch was redone.
 */
@Component
public class PatientStore {

	private static final Logger log = LoggerFactory.getLogger(PatientStore.class);

	private static final int INDEX_BATCH = 500;

	private static final String NEXT_EVALUATION_AT = "nextEvaluationAt";

	/** Fields an update leaves alone: the key, and the outbox the relay empties. */
	private static final Set<String> LEFT_ALONE_BY_WRITES = Set.of("_id", OutboxEntry.FIELD);

	private final MongoTemplate mongo;

	private final Programs programs;

	/**
	 * A deliberate fault for the local stack's chaos test only (it must fail with it):
	 * writes without the version condition, so two instances both apply one request.
	 */
	private final boolean unguarded;

	PatientStore(MongoTemplate mongo, Programs programs,
			@Value("${stepwise.chaos.unguarded-patient-writes:false}") boolean unguarded) {
		this.mongo = mongo;
		this.programs = programs;
		this.unguarded = unguarded;
		if (unguarded) {
			log.warn("Fault injected (stepwise.chaos.unguarded-patient-writes): patient writes ignore their version");
		}
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
	 * A patient document as it was read ({@code null} for a patient not stored yet) and
	 * as it is to be written.
	 */
	public record Change(@Nullable PatientFile before, PatientFile after) {

		/** The outbox entries this change adds. */
		List<OutboxEntry> added() {
			Set<String> read = (this.before != null)
					? this.before.outbox().stream().map(OutboxEntry::eventId).collect(Collectors.toSet()) : Set.of();
			return this.after.outbox().stream().filter((entry) -> !read.contains(entry.eventId())).toList();
		}

	}

	/**
	 * Writes one patient document (optimistic lock on its version) and its index entry.
	 * @return the document as written
	 */
	public PatientFile save(Change change) {
		writeAll(List.of(change));
		PatientFile file = change.after();
		return withVersion(file, (file.version() == null) ? 0L : file.version() + 1);
	}

	void writeAll(List<Change> changes) {
		if (changes.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PatientFile.class);
		int updates = 0;
		for (Change change : changes) {
			PatientFile file = change.after();
			if (file.version() == null) {
				bulk.insert(withVersion(file, 0L));
			}
			else {
				Criteria current = Criteria.where("_id").is(file.patientId());
				bulk.updateOne(new Query(this.unguarded ? current : current.and("version").is(file.version())),
						appending(change));
				updates++;
			}
		}
		try {
			BulkWriteResult result = bulk.execute();
			if (result.getMatchedCount() < updates) {
				throw new OptimisticLockingFailureException("a patient document changed during the batch");
			}
		}
		catch (BulkOperationException | DuplicateKeyException ex) {
			throw new OptimisticLockingFailureException("a patient document changed during the batch", ex);
		}
		writeIndex(changes.stream().map(Change::after).toList());
	}

	/**
	 * The document's fields as the mapping writes them, the next version, and the new
	 * outbox entries appended; a field the new version no longer has (no next look, the
	 * applied ids of documents written before issue 19) is removed.
	 */
	private Update appending(Change change) {
		PatientFile file = change.after();
		Document written = new Document();
		this.mongo.getConverter().write(withVersion(file, file.version() + 1), written);
		Update update = new Update();
		written.forEach((field, value) -> {
			if (!LEFT_ALONE_BY_WRITES.contains(field)) {
				update.set(field, value);
			}
		});
		for (String field : List.of(NEXT_EVALUATION_AT, LegacyPatientFiles.APPLIED_EVENT_IDS)) {
			if (!written.containsKey(field)) {
				update.unset(field);
			}
		}
		Set<String> added = change.added().stream().map(OutboxEntry::eventId).collect(Collectors.toSet());
		List<Object> entries = written.getList(OutboxEntry.FIELD, Object.class, List.of())
			.stream()
			.filter((entry) -> entry instanceof Document document && added.contains(document.getString("eventId")))
			.toList();
		if (!entries.isEmpty()) {
			update.push(OutboxEntry.FIELD).each(entries.toArray());
		}
		return update;
	}

	private void writeIndex(List<PatientFile> files) {
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PatientIndex.class);
		for (PatientFile file : files) {
			bulk.replaceOne(new Query(Criteria.where("_id").is(file.patientId())),
					PatientIndex.of(file, this.programs.settings(file.state().programId())),
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
