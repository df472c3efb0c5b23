package org.stepwise.plan.plans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.plan.progress.ProgressProjector;
import org.stepwise.plan.progress.StoredProjections;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost curve of issue 19 (item 6): one synthetic patient, enrolled in IOP, gets 365
 * days of daily data (a check-in a day, four group sessions a week with their attendance,
 * a PHQ-9 and a GAD-7 every two weeks, a BAM every four), each event handed to
 * {@link ProgressProjector} as its own poll (as events arrive live) against the real
 * database protocol. Prints, for day 7, 30, 90 and 365, the median processing cost of the
 * events of the 7 days up to that day and the size of the patient's stored document. A
 * warm-up patient runs the same year first, so the JIT has settled. Opt-in:
 * {@code bench/cost-curve.sh} (or {@code -Dstepwise.cost-curve=true}); writes the table
 * to {@code target/cost-curve.txt}.
 */
@EnabledIfSystemProperty(named = "stepwise.cost-curve", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=plan-cost-curve", "spring.mongodb.database=stepwise-plan-cost-curve",
				"spring.cloud.stream.bindings.progressInputs-in-0.consumer.auto-startup=false",
				"stepwise.plan.evaluation-interval=1h", "stepwise.plan.clinical-time=events" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class CostCurveTest {

	static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/** Day 0, a Monday a year and more in the past. */
	static final LocalDate START = LocalDate.of(2025, 6, 2);

	static final int DAYS = 365;

	static final List<Integer> CHECKPOINTS = List.of(7, 30, 90, 365);

	static final int WINDOW_DAYS = 7;

	@Autowired
	PlanService plans;

	@Autowired
	ProgressProjector projector;

	@Autowired
	MongoTemplate mongo;

	long offset;

	/** One checkpoint: the median cost of the window's events and what is stored. */
	record Row(int day, int events, double medianMicros, double p90Micros, int documentBytes, int stateBytes,
			int projectionBytes, int planBytes, int requestBytes, int outboxBytes, int historyDocuments,
			String projectionParts) {
	}

	@Test
	void perEventCostAndStoredSizeAsHistoryGrows() throws Exception {
		long warmUpStarted = System.nanoTime();
		run("cost-warmup-" + System.nanoTime(), 1);
		double warmUpSeconds = (System.nanoTime() - warmUpStarted) / 1e9;
		List<Row> rows = run("cost-" + System.nanoTime(), 2);

		StringBuilder out = new StringBuilder();
		out.append("COST CURVE  one patient, ")
			.append(DAYS)
			.append(" days of daily data, each event its own poll through ProgressProjector")
			.append(" (embedded MongoDB wire protocol; warm-up year ")
			.append(String.format(Locale.ROOT, "%.1f", warmUpSeconds))
			.append(" s)\n");
		out.append("  command: bench/cost-curve.sh\n");
		out.append(String.format(Locale.ROOT, "  %5s %7s %10s %10s %10s %8s %11s %11s %12s %7s %8s%n", "day", "events",
				"median us", "p90 us", "doc bytes", "state", "projection", "plans+recs", "requests", "outbox",
				"history"));
		for (Row row : rows) {
			out.append(String.format(Locale.ROOT, "  %5d %7d %10.0f %10.0f %10d %8d %11d %11d %12d %7d %8d%n",
					row.day(), row.events(), row.medianMicros(), row.p90Micros(), row.documentBytes(), row.stateBytes(),
					row.projectionBytes(), row.planBytes(), row.requestBytes(), row.outboxBytes(),
					row.historyDocuments()));
		}
		// what the projection's bytes are made of, at each checkpoint
		for (Row row : rows) {
			out.append(String.format(Locale.ROOT, "  projection at day %d: %s%n", row.day(), row.projectionParts()));
		}
		Row first = rows.getFirst();
		Row last = rows.getLast();
		out.append(String.format(Locale.ROOT,
				"  day %d / day %d: cost %.2fx, document %.2fx, state %.2fx (targets: cost <= 1.5x, hot state <= 8 KB)%n",
				last.day(), first.day(), last.medianMicros() / first.medianMicros(),
				last.documentBytes() / (double) first.documentBytes(),
				last.stateBytes() / (double) first.stateBytes()));
		System.out.print(out);
		Path report = Path.of("target", "cost-curve.txt");
		try {
			Files.writeString(report, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(rows).hasSize(CHECKPOINTS.size());
		assertThat(last.stateBytes()).as("hot state at day %d", last.day()).isLessThanOrEqualTo(8 * 1024);
	}

	private List<Row> run(String patient, long seed) {
		this.plans.enrol(
				new PlanRequests.Enrol(patient, "program-a", new PlanRequests.Level("2.1", 3), false,
						BigDecimal.valueOf(12), 4, List.of("CBT"), List.of("clinician-a"), PlanMode.AUTOMATIC, START),
				"clinician-a", null);
		Patient synthetic = new Patient(patient, new Random(seed));
		Map<Integer, List<Long>> nanosByDay = new HashMap<>();
		List<Row> rows = new ArrayList<>();
		for (int day = 0; day < DAYS; day++) {
			List<Long> nanos = new ArrayList<>();
			for (StepwiseEvent event : synthetic.day(day)) {
				ReceivedEvent received = new ReceivedEvent(EventEnvelope.of("/cost-curve", event, at(day, 21, 0)),
						Topics.CHECKINS, 0, this.offset++);
				long started = System.nanoTime();
				this.projector.handle(List.of(received));
				nanos.add(System.nanoTime() - started);
			}
			nanosByDay.put(day, nanos);
			int windowStart = day - WINDOW_DAYS;
			if (CHECKPOINTS.contains(day + 1)) {
				long[] window = nanosByDay.entrySet()
					.stream()
					.filter((e) -> e.getKey() > windowStart)
					.flatMap((e) -> e.getValue().stream())
					.mapToLong(Long::longValue)
					.sorted()
					.toArray();
				rows.add(row(patient, day + 1, window));
			}
		}
		return rows;
	}

	private Row row(String patient, int day, long[] sortedNanos) {
		BsonDocument document = this.mongo.getCollection("patients")
			.withDocumentClass(BsonDocument.class)
			.find(Filters.eq("_id", patient))
			.first();
		assertThat(document).as("the patient's document").isNotNull();
		long history = this.mongo.getCollectionNames().contains("plan_history")
				? this.mongo.getCollection("plan_history").countDocuments(Filters.eq("patientId", patient)) : 0;
		BsonDocument state = document.getDocument("state");
		// stored compact (StoredProjections): its parts are told in the expanded form
		BsonValue stored = state.get("projection");
		BsonDocument projection = stored.isBinary() ? new RawBsonDocument(
				StoredProjections.document(new Binary(stored.asBinary().getType(), stored.asBinary().getData())),
				new DocumentCodec()) : stored.asDocument();
		String parts = (stored.isBinary() ? "expanded " + bytes(projection) + " B: " : "") + parts(projection);
		return new Row(day, sortedNanos.length, percentile(sortedNanos, 50) / 1e3, percentile(sortedNanos, 90) / 1e3,
				bytes(document), field(document, "state"), field(state, "projection"),
				field(state, "plans") + field(state, "recommendations"), field(document, "appliedRequests"),
				field(document, "outbox"), (int) history, parts);
	}

	/** Each list of the projection: its BSON size and how many entries it holds. */
	private static String parts(BsonDocument projection) {
		List<String> parts = new ArrayList<>();
		for (String name : projection.keySet()) {
			int size = projection.get(name).isArray() ? projection.getArray(name).size()
					: projection.get(name).isDocument() ? projection.getDocument(name).size() : 1;
			parts.add(name + " " + field(projection, name) + " B (" + size + ")");
		}
		return String.join(", ", parts);
	}

	private static double percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
	}

	/** The BSON size of one field as its own document ({field: value}). */
	private static int field(BsonDocument document, String name) {
		return document.containsKey(name) ? bytes(new BsonDocument(name, document.get(name))) : 0;
	}

	private static int bytes(BsonDocument document) {
		return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().remaining();
	}

	static Instant at(int day, int hour, int minute) {
		return START.plusDays(day).atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
	}

	/**
	 * A patient in steady IOP with the ordinary ups and downs: mood, craving, stress and
	 * sleep drift as bounded random walks, a rare use day, a session missed now and then,
	 * scores that follow the mood.
	 */
	static final class Patient {

		private final String id;

		private final Random random;

		private int mood = 5;

		private int craving = 4;

		private int stress = 5;

		private double sleep = 7;

		Patient(String id, Random random) {
			this.id = id;
			this.random = random;
		}

		List<StepwiseEvent> day(int day) {
			List<StepwiseEvent> events = new ArrayList<>();
			int weekday = day % 7;
			// Monday, Tuesday, Thursday, Friday: a three-hour group, scheduled a week
			// ahead
			if (weekday == 0 || weekday == 1 || weekday == 3 || weekday == 4) {
				String session = "s-" + this.id + "-" + day;
				events.add(new SessionScheduled(session, "program-a", this.id, SessionType.GROUP, Modality.CBT,
						at(day, 9, 0), at(day, 12, 0), "facilitator-1", at(Math.max(0, day - 7), 7, 0)));
				double roll = this.random.nextDouble();
				AttendanceStatus status = (roll < 0.06) ? AttendanceStatus.NO_SHOW : (roll < 0.10)
						? AttendanceStatus.EXCUSED : (roll < 0.15) ? AttendanceStatus.LATE : AttendanceStatus.ATTENDED;
				int minutes = switch (status) {
					case ATTENDED -> 180;
					case LATE -> 150;
					default -> 0;
				};
				events.add(new AttendanceRecorded("r-" + session, session, "program-a", this.id, SessionType.GROUP,
						status, minutes, 180, at(day, 9, 0), at(day, 12, 30)));
			}
			if ((day % 14) == 0) {
				int phq9 = Math.clamp(Math.round((10 - this.mood) * 2.2f) + this.random.nextInt(3), 0, 27);
				events.add(score("phq9-" + day, Instrument.PHQ9, day, phq9, Map.of("9", 0), Map.of()));
				int gad7 = Math.clamp(this.stress + this.random.nextInt(4), 0, 21);
				events.add(score("gad7-" + day, Instrument.GAD7, day, gad7, Map.of(), Map.of()));
			}
			if ((day % 28) == 3) {
				events.add(score("bam-" + day, Instrument.BAM, day, null, Map.of(),
						Map.of("use", 0, "risk", Math.clamp(this.craving + this.random.nextInt(4), 0, 24), "protective",
								14 + this.random.nextInt(6))));
			}
			this.mood = walk(this.mood);
			this.craving = walk(this.craving);
			this.stress = walk(this.stress);
			this.sleep = Math.clamp(this.sleep + (this.random.nextDouble() - 0.5), 4.0, 9.5);
			boolean used = this.random.nextDouble() < 0.02;
			events.add(new CheckInSubmitted("ci-" + this.id + "-" + day, "program-a", this.id, this.mood, this.craving,
					used, used ? List.of("alcohol") : List.of(), BigDecimal.valueOf(Math.round(this.sleep * 2) / 2.0),
					this.stress, true, Set.of(), at(day, 20, 0), at(day, 20, 0),
					Math.clamp(10 - this.craving + this.random.nextInt(2), 0, 10), this.random.nextDouble() < 0.05,
					null));
			return events;
		}

		private int walk(int value) {
			return Math.clamp(value + this.random.nextInt(3) - 1, 0, 10);
		}

		private StepwiseEvent score(String id, Instrument instrument, int day, Integer total,
				Map<String, Integer> items, Map<String, Integer> subscales) {
			return new AssessmentScored(id + "-" + this.id, "program-a", this.id, instrument, new HashMap<>(items),
					total, new LinkedHashMap<>(subscales), "", List.of(), SafetyLevel.NONE, Set.of(), at(day, 10, 0),
					at(day, 10, 0));
		}

	}

}
