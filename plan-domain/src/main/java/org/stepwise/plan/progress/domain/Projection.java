package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.checkin.CheckInSubmitted;

/**
 * The facts of one patient's progress: sessions, attendance, check-ins, scored
 * instruments and measurements of weight and vitals, each keyed by its natural id and
 * merged with a commutative, associative, idempotent merge. Folding the same events in
 * any order, any number of times, gives an equal projection; everything time-dependent
 * (windows, streaks, trends) is derived from it at evaluation time, see {@link Rules}.
 * Lists are kept sorted by id so equal states are equal records. Facts no rule can read
 * any more leave it, see {@link Retention}.
 *
 * @param pastWeekHours delivered hours of the ISO weeks whose attendance has left the
 * projection ({@code 2026-W10} to hours), for the progress picture
 * @param keptFrom the latest cutoff {@link Retention} pruned at: facts before it have
 * left, except those it keeps (null while nothing was pruned). A redelivered fact that
 * had left is recognised by it, see {@link Retention#news}
 * @param earlyBaseline the early warning's fallback baseline once the check-ins of the
 * first days have left (null until then)
 * @param lastScored per instrument (its name), when the latest one was taken: one entry
 * per instrument, kept however old, since retention lets old scores go and the instrument
 * schedule ({@link InstrumentSchedule}) counts from the last one (empty in projections
 * stored before it; {@link #lastScored(Instrument)} then reads the scores)
 * @param vitals measurements of weight and vitals (eating-disorder programs read them;
 * empty in projections stored before them)
 */
public record Projection(List<SessionSlot> sessions, List<AttendanceMark> attendance, List<CheckInMark> checkIns,
		List<ScoreMark> scores, Map<String, Double> pastWeekHours, @Nullable Instant keptFrom,
		@Nullable EarlyBaseline earlyBaseline, Map<String, Instant> lastScored, List<VitalsMark> vitals) {

	public static final Projection EMPTY = new Projection(List.of(), List.of(), List.of(), List.of());

	public Projection {
		sessions = List.copyOf(sessions == null ? List.of() : sessions);
		attendance = List.copyOf(attendance == null ? List.of() : attendance);
		checkIns = List.copyOf(checkIns == null ? List.of() : checkIns);
		scores = List.copyOf(scores == null ? List.of() : scores);
		pastWeekHours = Map.copyOf(pastWeekHours == null ? Map.of() : pastWeekHours);
		lastScored = Map.copyOf(lastScored == null ? Map.of() : lastScored);
		vitals = List.copyOf(vitals == null ? List.of() : vitals);
	}

	public Projection(List<SessionSlot> sessions, List<AttendanceMark> attendance, List<CheckInMark> checkIns,
			List<ScoreMark> scores, Map<String, Double> pastWeekHours, @Nullable Instant keptFrom,
			@Nullable EarlyBaseline earlyBaseline, Map<String, Instant> lastScored) {
		this(sessions, attendance, checkIns, scores, pastWeekHours, keptFrom, earlyBaseline, lastScored, List.of());
	}

	public Projection(List<SessionSlot> sessions, List<AttendanceMark> attendance, List<CheckInMark> checkIns,
			List<ScoreMark> scores, Map<String, Double> pastWeekHours, @Nullable Instant keptFrom,
			@Nullable EarlyBaseline earlyBaseline) {
		this(sessions, attendance, checkIns, scores, pastWeekHours, keptFrom, earlyBaseline, Map.of());
	}

	public Projection(List<SessionSlot> sessions, List<AttendanceMark> attendance, List<CheckInMark> checkIns,
			List<ScoreMark> scores) {
		this(sessions, attendance, checkIns, scores, Map.of(), null, null);
	}

	/**
	 * When the latest {@code instrument} folded in was taken, whether or not its score is
	 * still kept; null if none was.
	 */
	public @Nullable Instant lastScored(Instrument instrument) {
		Instant last = this.lastScored.get(instrument.name());
		for (ScoreMark score : this.scores) {
			if (score.instrument() == instrument) {
				last = later(last, score.occurredAt());
			}
		}
		return last;
	}

	/** Whether this event type feeds the projection. */
	public static boolean relevant(StepwiseEvent event) {
		return event instanceof SessionScheduled || event instanceof SessionChanged || event instanceof SessionCancelled
				|| event instanceof AttendanceRecorded || event instanceof AttendanceCorrected
				|| event instanceof CheckInSubmitted || event instanceof AssessmentScored
				|| event instanceof VitalsRecorded;
	}

	/**
	 * When a fact happened in clinical time (an attendance, check-in or score); null for
	 * events without one (schedule changes, plans, programs).
	 */
	public static @Nullable Instant clinicalTime(StepwiseEvent event) {
		return switch (event) {
			case AttendanceRecorded recorded -> recorded.occurredAt();
			case AttendanceCorrected corrected -> corrected.occurredAt();
			case CheckInSubmitted checkIn -> checkIn.occurredAt();
			case AssessmentScored assessment -> assessment.occurredAt();
			case VitalsRecorded vitals -> vitals.occurredAt();
			default -> null;
		};
	}

	/** The clinical time of the latest attendance, check-in or score folded in. */
	public @Nullable Instant latestFactAt() {
		Instant latest = null;
		for (AttendanceMark mark : this.attendance) {
			latest = later(latest, mark.occurredAt());
		}
		for (CheckInMark mark : this.checkIns) {
			latest = later(latest, mark.occurredAt());
		}
		for (ScoreMark mark : this.scores) {
			latest = later(latest, mark.occurredAt());
		}
		for (VitalsMark mark : this.vitals) {
			latest = later(latest, mark.occurredAt());
		}
		return latest;
	}

	private static Instant later(@Nullable Instant a, Instant b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

	public Projection apply(StepwiseEvent event) {
		return fold(List.of(event));
	}

	/**
	 * This projection with the given events folded in (any order, duplicates allowed).
	 */
	public Projection fold(Collection<? extends StepwiseEvent> events) {
		return foldTelling(List.copyOf(events)).projection();
	}

	/**
	 * The fold of {@code events}, and which of them changed it: an event whose fact the
	 * projection already holds (a redelivery, an older correction after a newer one)
	 * merges into the same fact and changes nothing.
	 *
	 * @param projection this projection with the events folded in
	 * @param changedBy the positions in {@code events} of those that changed it
	 */
	public record Fold(Projection projection, List<Integer> changedBy) {

		public Fold {
			changedBy = List.copyOf(changedBy);
		}

	}

	/** As {@link #fold}, telling which events changed the projection. */
	public Fold foldTelling(List<? extends StepwiseEvent> events) {
		Map<String, SessionSlot> sessions = index(this.sessions, SessionSlot::sessionId);
		Map<String, AttendanceMark> attendance = index(this.attendance, AttendanceMark::recordId);
		Map<String, CheckInMark> checkIns = index(this.checkIns, CheckInMark::checkInId);
		Map<String, ScoreMark> scores = index(this.scores, ScoreMark::assessmentId);
		Map<String, Instant> lastScored = new TreeMap<>(this.lastScored);
		Map<String, VitalsMark> vitals = index(this.vitals, VitalsMark::measurementId);
		List<Integer> changedBy = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			boolean changed = switch (events.get(i)) {
				case SessionScheduled s -> put(sessions, s.sessionId(), new SessionSlot(s.sessionId(), s.startsAt(),
						s.endsAt(), s.recordedAt(), false, s.sessionType()), SessionSlot::merge);
				case SessionChanged s -> put(sessions, s.sessionId(), new SessionSlot(s.sessionId(), s.startsAt(),
						s.endsAt(), s.recordedAt(), false, s.sessionType()), SessionSlot::merge);
				case SessionCancelled s -> put(sessions, s.sessionId(),
						new SessionSlot(s.sessionId(), s.startsAt(), null, null, true), SessionSlot::merge);
				case AttendanceRecorded r ->
					put(attendance, r.recordId(), new AttendanceMark(r.recordId(), r.sessionId(), r.status(),
							r.minutesAttended(), r.occurredAt(), 0, r.sessionType()), AttendanceMark::latest);
				case AttendanceCorrected c -> put(
						attendance, c.recordId(), new AttendanceMark(c.recordId(), c.sessionId(), c.status(),
								c.minutesAttended(), c.occurredAt(), c.revision(), c.sessionType()),
						AttendanceMark::latest);
				case CheckInSubmitted c -> put(checkIns, c.checkInId(),
						new CheckInMark(c.checkInId(), c.occurredAt(), c.mood(), c.craving(), c.usedSinceLastCheckIn(),
								c.stress(), (c.sleepHours() != null) ? c.sleepHours().doubleValue() : null,
								c.confidence(), c.highRiskSituation()),
						CheckInMark::merge);
				case AssessmentScored a -> put(scores, a.assessmentId(), score(a), ScoreMark::merge)
						| put(lastScored, a.instrument().name(), a.occurredAt(), Projection::later);
				case VitalsRecorded v -> put(vitals, v.measurementId(), VitalsMark.of(v), VitalsMark::merge);
				default -> false; // not a progress fact (plans, programs, alerts)
			};
			if (changed) {
				changedBy.add(i);
			}
		}
		if (changedBy.isEmpty()) {
			return new Fold(this, changedBy);
		}
		return new Fold(new Projection(List.copyOf(sessions.values()), List.copyOf(attendance.values()),
				List.copyOf(checkIns.values()), List.copyOf(scores.values()), this.pastWeekHours, this.keptFrom,
				this.earlyBaseline, lastScored, List.copyOf(vitals.values())), changedBy);
	}

	private static ScoreMark score(AssessmentScored a) {
		Integer item9 = (a.items() != null) ? a.items().get("9") : null;
		boolean use = a.analytes() != null && a.analytes().stream().anyMatch(AnalyteResult::countsAsUse);
		return new ScoreMark(a.assessmentId(), a.instrument(), a.occurredAt(), a.total(),
				(a.instrument() == Instrument.PHQ9) ? item9 : null, a.subscales(), a.band(), use, a.safety());
	}

	private static <T> Map<String, T> index(List<T> values, Function<T, String> id) {
		Map<String, T> map = new TreeMap<>(Comparator.naturalOrder());
		values.forEach((value) -> map.put(id.apply(value), value));
		return map;
	}

	/** Merges the fact in; whether that changed what the map holds. */
	private static <T> boolean put(Map<String, T> map, String id, T value, BinaryOperator<T> merge) {
		T before = map.get(id);
		T after = map.merge(id, value, merge);
		return !after.equals(before);
	}

}
