package org.stepwise.plan.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.plan.plans.domain.Evaluator;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Retention;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Runs the domain over patient documents: fold new facts, evaluate at the clinical now
 * ({@link ClinicalTime}), append the resulting events to the document's outbox and
 * schedule the next look (the next local midnight of the program's zone: every window is
 * whole clinical days, so nothing absence-based can change before then). Writes a batch
 * of patients with one bulk write, retried as a whole on a conflict.
 */
@Component
public class Evaluations {

	private final PatientStore store;

	private final Programs programs;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final PlanMetrics metrics;

	private final ClinicalTime time;

	private final LapseRiskModel lapseRiskModel;

	Evaluations(PatientStore store, Programs programs, OutboxEvents events, OutboxRelay relay, PlanMetrics metrics,
			ClinicalTime time, LapseRiskModel lapseRiskModel) {
		this.store = store;
		this.programs = programs;
		this.events = events;
		this.relay = relay;
		this.metrics = metrics;
		this.time = time;
		this.lapseRiskModel = lapseRiskModel;
	}

	/** New facts for some patients. */
	public record Facts(String patientId, String programId, List<String> eventIds, List<StepwiseEvent> events) {
	}

	/** The documents written and the events they added to their outboxes. */
	private record Written(List<PatientFile> files, List<StepwiseEvent> events, List<String> withEvents) {
	}

	/** Folds and evaluates the given facts, one write per patient. */
	public void apply(Collection<Facts> facts, String trigger) {
		Map<String, Facts> byPatient = new java.util.LinkedHashMap<>();
		facts.forEach((f) -> {
			byPatient.put(f.patientId(), f);
			Instant latest = ProgressProjector.latestClinicalTime(f.events());
			if (latest != null) {
				this.time.observed(latest);
			}
		});
		Written written = this.metrics.evaluation(trigger, () -> OnConflict.retry(() -> {
			Map<String, PatientFile> stored = this.store.load(byPatient.keySet());
			return write(byPatient.values(), (f) -> stored.get(f.patientId()));
		}));
		finish(written);
	}

	/**
	 * Re-evaluates patients the clinical clock has made due; returns how many were due.
	 */
	public int evaluateDue(int limit) {
		Instant now = this.time.now();
		Written written = this.metrics.evaluation("schedule", () -> OnConflict.retry(() -> {
			List<PatientFile> due = this.store.due(now, limit);
			Map<String, PatientFile> byId = new java.util.HashMap<>();
			List<Facts> none = new ArrayList<>();
			for (PatientFile file : due) {
				byId.put(file.patientId(), file);
				none.add(new Facts(file.patientId(), file.state().programId(), List.of(), List.of()));
			}
			Written result = write(none, (f) -> byId.get(f.patientId()));
			return new Written(due, result.events(), result.withEvents());
		}));
		finish(written);
		return written.files().size();
	}

	private Written write(Collection<Facts> facts, Function<Facts, @Nullable PatientFile> stored) {
		Instant now = this.time.now();
		List<PatientStore.Change> changed = new ArrayList<>();
		List<StepwiseEvent> published = new ArrayList<>();
		List<String> withEvents = new ArrayList<>();
		for (Facts f : facts) {
			PatientFile before = stored.apply(f);
			PatientFile file = (before != null) ? before
					: PatientFile.start(PatientState.start(f.patientId(), f.programId()));
			// an event whose fact the projection holds (a redelivered batch, an event its
			// source published twice, an older version of a corrected fact) is no news
			Programs.Settings program = this.programs.settings(file.state().programId());
			List<Integer> news = Retention.of(program.thresholds())
				.news(file.state().projection(), f.events(), program.zone());
			if (!f.events().isEmpty() && news.isEmpty()) {
				// nothing changes, nothing is written or published
				continue;
			}
			List<String> applied = news.stream().map(f.eventIds()::get).toList();
			List<StepwiseEvent> fresh = news.stream().map(f.events()::get).toList();
			Step next = evaluateByDay(file, fresh, applied, now);
			changed.add(new PatientStore.Change(before, next.file()));
			published.addAll(next.events());
			if (!next.events().isEmpty()) {
				withEvents.add(f.patientId());
			}
		}
		try {
			this.store.writeAll(changed);
		}
		catch (OptimisticLockingFailureException ex) {
			// The bulk write is unordered: the documents written before the conflict hold
			// their events, which the redone batch no longer sees as news. Publish them
			// now, not at the relay's next sweep (nudging one that was not written finds
			// nothing new).
			changed.stream()
				.filter((change) -> !change.added().isEmpty())
				.forEach((change) -> this.relay.nudge(PatientFile.class, change.after().patientId()));
			throw ex;
		}
		return new Written(changed.stream().map(PatientStore.Change::after).toList(), published, withEvents);
	}

	/** A new document version and the events it adds to its outbox. */
	public record Step(PatientFile file, List<StepwiseEvent> events) {
	}

	/**
	 * On event time, a patient's facts are assessed at their own clinical time, day by
	 * day when they span several days (a catch-up, or the simulator running ahead of this
	 * service), so what held on a day is assessed as it would have been live; a late fact
	 * (a correction of last week's attendance) at the patient's latest fact, so the facts
	 * after it still count. Not at the event-time {@code now}, the latest fact of any
	 * patient, which may be days ahead of this patient's facts still on their way (it is
	 * for the clinical-clock pass and facts without a time of their own). On the wall
	 * clock, one evaluation at {@code now}.
	 */
	Step evaluateByDay(PatientFile file, List<StepwiseEvent> fresh, List<String> applied, Instant now) {
		if (this.time.mode() == ClinicalTime.Mode.WALL || fresh.isEmpty()) {
			return evaluate(file, fresh, applied, now);
		}
		ZoneId zone = this.programs.settings(file.state().programId()).zone();
		// facts without a clinical time (schedule changes) go with the first day
		java.util.TreeMap<LocalDate, List<Integer>> days = new java.util.TreeMap<>();
		for (int i = 0; i < fresh.size(); i++) {
			Instant at = Projection.clinicalTime(fresh.get(i));
			days.computeIfAbsent((at != null) ? LocalDate.ofInstant(at, zone) : LocalDate.MIN, (d) -> new ArrayList<>())
				.add(i);
		}
		PatientFile current = file;
		List<StepwiseEvent> published = new ArrayList<>();
		List<Integer> carried = new ArrayList<>();
		for (Map.Entry<LocalDate, List<Integer>> day : days.entrySet()) {
			carried.addAll(day.getValue());
			List<StepwiseEvent> dayFacts = carried.stream().map(fresh::get).toList();
			Instant at = ProgressProjector.latestClinicalTime(dayFacts);
			if (at == null) {
				if (!day.getKey().equals(days.lastKey())) {
					continue;
				}
				at = now;
			}
			Instant seen = current.state().projection().latestFactAt();
			if (seen != null && at.isBefore(seen)) {
				at = seen;
			}
			Step step = evaluate(current, dayFacts, carried.stream().map(applied::get).toList(), at);
			current = step.file();
			published.addAll(step.events());
			carried = new ArrayList<>();
		}
		return new Step(current, published);
	}

	/** The document after folding {@code fresh} and evaluating at {@code now}. */
	Step evaluate(PatientFile file, List<StepwiseEvent> fresh, List<String> applied, Instant now) {
		PatientState state = file.state();
		if (!fresh.isEmpty()) {
			state = state.withProjection(state.projection().fold(fresh));
		}
		Programs.Settings program = this.programs.settings(state.programId());
		Evaluator.Result result = Evaluator.evaluate(state, program.thresholds(), program.focus(), this.lapseRiskModel,
				program.zone(), now, applied);
		return new Step(file.next(pruned(result.state(), program, now), nextLook(program.zone(), now, result),
				entries(result.events())), result.events());
	}

	/** Appends clinician-action events and re-evaluates (used by the plan API). */
	public Step withEvents(PatientFile file, PatientState state, List<StepwiseEvent> actionEvents) {
		Instant now = this.time.now();
		Programs.Settings program = this.programs.settings(state.programId());
		Evaluator.Result result = Evaluator.evaluate(state, program.thresholds(), program.focus(), this.lapseRiskModel,
				program.zone(), now, List.of());
		List<StepwiseEvent> all = new ArrayList<>(actionEvents);
		all.addAll(result.events());
		return new Step(
				file.next(pruned(result.state(), program, now), nextLook(program.zone(), now, result), entries(all)),
				all);
	}

	/**
	 * The state without the facts no later evaluation can read, so what is stored and
	 * folded stays the same size however long the patient is in treatment.
	 */
	private static PatientState pruned(PatientState state, Programs.Settings program, Instant now) {
		Projection kept = Retention.of(program.thresholds())
			.prune(state.projection(), program.zone(), now, state.absenceAsOf());
		return (kept == state.projection()) ? state : state.withProjection(kept);
	}

	/** Stamped with the wall clock: the relay's publish latency is measured from it. */
	private List<OutboxEntry> entries(List<StepwiseEvent> events) {
		Instant wallNow = this.time.wall();
		return events.stream().map((event) -> this.events.entry(event, wallNow)).toList();
	}

	/**
	 * After a write: asks the relay for the written patient's outbox by id (a plain nudge
	 * would scan every patient document, which during a catch-up is once per batch).
	 */
	public void finish(String patientId, List<StepwiseEvent> published) {
		finish(new Written(List.of(), published, published.isEmpty() ? List.of() : List.of(patientId)));
	}

	private void finish(Written written) {
		written.withEvents().forEach((patientId) -> this.relay.nudge(PatientFile.class, patientId));
		if (!written.events().isEmpty()) {
			this.metrics.published(written.events());
		}
	}

	/**
	 * The next local midnight, or sooner when absence was held back for facts still
	 * arriving (judged once they settled).
	 */
	static Instant nextLook(ZoneId zone, Instant now, Evaluator.Result result) {
		Instant midnight = nextLook(zone, now);
		Instant settles = result.absenceSettlesAt();
		return (settles != null && settles.isBefore(midnight)) ? settles : midnight;
	}

	static Instant nextLook(ZoneId zone, Instant now) {
		return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant().plusSeconds(60);
	}

	public LocalDate today(String programId) {
		return LocalDate.ofInstant(this.time.now(), this.programs.settings(programId).zone());
	}

	/** A plan starting on a day is a clinical fact of that day (moves event time). */
	public void planStarts(String programId, LocalDate day) {
		this.time.observed(day.atStartOfDay(this.programs.settings(programId).zone()).toInstant());
	}

	public Instant now() {
		return this.time.now();
	}

	/** The wall clock's now, for the system's own timestamps (requests remembered). */
	public Instant wallNow() {
		return this.time.wall();
	}

	public Programs.Settings program(String programId) {
		return this.programs.settings(programId);
	}

}
