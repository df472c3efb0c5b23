package org.stepwise.plan.progress.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;

/**
 * Which facts a patient's projection keeps: what the rules ({@link Rules}) and the early
 * warning ({@link LapseFeatures}) can still read, so the hot state stays the same size
 * however long the patient is in treatment. Pruning changes no clinical result (signals,
 * evidence, readiness, lapse estimate): a fact leaves only once it is older than every
 * window, counted back from the earliest instant a later evaluation can look from (the
 * patient's latest fact, the clinical now, the instant absence was judged at), with
 * {@link #LATE_FACT_DAYS} to spare for late facts that merge with older ones. Older facts
 * stay where a rule reads them as the first or latest of something:
 * <ul>
 * <li>per instrument, the first scored one (the baseline of S3-S5 and readiness) and the
 * two latest (S3/S4 compare the latest with the one before);</li>
 * <li>the check-ins of the first {@link LapseFeatures#EARLY_BASELINE_DAYS} days (the
 * early warning's fallback baseline) while some of those days are still raw facts, then
 * only their medians, as {@link Projection#earlyBaseline()}: sealed, so check-ins of
 * those days (or earlier ones) arriving after that change nothing, like any other fact
 * older than the cutoff; the latest ones (S7's consecutive check-ins, the last check-in
 * of S12 and of the silence feature) and the ends of a high-craving run still going on
 * (S7 cites its start);</li>
 * <li>the sessions of a run of no-shows still going on (S9 counts it; the excused or
 * cancelled ones in it too) with the attended session that ended the run before, and the
 * first attendance (the start of treatment without a plan); the same for family sessions
 * alone (S13 counts their run, which spans weeks when they are weekly);</li>
 * <li>measurements of weight and vitals only inside the windows of the eating-disorder
 * rules (the latest value of each vital in {@code edVitalsRecentDays}, the weekly weights
 * of {@code edWeightLossWeeks}), which {@link Rules#readsDaysBack} covers;</li>
 * <li>sessions only while they have no attendance record (an unrecorded session is a
 * no-show; a recorded one counts by its record), at any age;</li>
 * <li>the delivered hours of whole ISO weeks, as {@link Projection#pastWeekHours()},
 * while the progress picture shows them ({@link Rules#DELIVERED_HOURS_WEEKS} weeks). A
 * week is summed once; facts of it arriving later change nothing.</li>
 * </ul>
 *
 * @param thresholds the program's thresholds (the windows come from them)
 * @param days how many clinical days back raw facts are kept
 */
public record Retention(Thresholds thresholds, int days) {

	/** Days kept beyond the longest window, for late facts merging with older ones. */
	public static final int LATE_FACT_DAYS = 7;

	private static final Comparator<CheckInMark> CHECK_IN_ORDER = Comparator.comparing(CheckInMark::occurredAt)
		.thenComparing(CheckInMark::checkInId);

	private static final Comparator<ScoreMark> SCORE_ORDER = Comparator.comparing(ScoreMark::occurredAt)
		.thenComparing(ScoreMark::assessmentId);

	private static final Comparator<AttendanceMark> OUTCOME_ORDER = Comparator.comparing(AttendanceMark::occurredAt)
		.thenComparing(AttendanceMark::recordId);

	public static Retention of(Thresholds thresholds) {
		return new Retention(thresholds,
				Math.max(Rules.readsDaysBack(thresholds), LapseFeatures.READS_DAYS_BACK) + LATE_FACT_DAYS);
	}

	/**
	 * The projection without the facts no evaluation from {@code now} on can read.
	 * @param absenceAsOf the instant absence was last judged at (null: not yet)
	 */
	public Projection prune(Projection p, ZoneId zone, Instant now, @Nullable Instant absenceAsOf) {
		Instant floor = now;
		Instant latest = p.latestFactAt();
		if (latest != null && latest.isBefore(floor)) {
			floor = latest;
		}
		if (absenceAsOf != null && absenceAsOf.isBefore(floor)) {
			floor = absenceAsOf;
		}
		// whole ISO weeks, so a week's delivered hours are summed when all of it leaves
		LocalDate cutoff = LocalDate.ofInstant(floor, zone)
			.minusDays(this.days)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		return prunedAt(p, zone, cutoff);
	}

	/**
	 * Which of {@code events} tell the projection something new, by their positions:
	 * those whose fold changes it, unless all the change is facts this projection has let
	 * go of, back again (pruning at its {@link Projection#keptFrom} cutoff removes them
	 * once more). So a redelivery, whether of the same record or of the same event
	 * published twice, at any age, is no news and needs no list of applied ids. A
	 * genuinely new fact that old is no news either: retention would drop it unread;
	 * except an instrument later than the last of its kind known, which moves the day the
	 * instrument schedule counts from ({@link Projection#lastScored()}).
	 */
	public List<Integer> news(Projection p, List<? extends StepwiseEvent> events, ZoneId zone) {
		Projection.Fold fold = p.foldTelling(events);
		if (fold.changedBy().isEmpty()) {
			return List.of();
		}
		if (p.keptFrom() != null
				&& prunedAt(fold.projection(), zone, LocalDate.ofInstant(p.keptFrom(), zone)).equals(p)) {
			return List.of();
		}
		return fold.changedBy();
	}

	/** The projection without the facts before {@code cutoff} (a Monday) it can drop. */
	private Projection prunedAt(Projection p, ZoneId zone, LocalDate cutoff) {
		Instant from = cutoff.atStartOfDay(zone).toInstant();
		Set<String> sessions = new HashSet<>();
		Set<String> records = new HashSet<>();
		keepAttendance(p, from, sessions, records);
		List<AttendanceMark> keptMarks = p.attendance().stream().filter((a) -> records.contains(a.recordId())).toList();
		// a session counts only while it has no record (an unrecorded one is a no-show);
		// once recorded, its record is the outcome and the slot is not read again
		Set<String> recorded = new HashSet<>();
		keptMarks.forEach((a) -> recorded.add(a.sessionId()));
		List<SessionSlot> keptSessions = p.sessions()
			.stream()
			.filter((s) -> sessions.contains(s.sessionId()) && !recorded.contains(s.sessionId()))
			.toList();
		KeptCheckIns keptCheckIns = keptCheckIns(p, zone, from);
		List<ScoreMark> keptScores = keptScores(p, from);
		// the eating-disorder rules read measurements only inside their windows
		List<VitalsMark> keptVitals = p.vitals().stream().filter((v) -> !v.occurredAt().isBefore(from)).toList();
		if (keptSessions.size() == p.sessions().size() && keptMarks.size() == p.attendance().size()
				&& keptCheckIns.checkIns().size() == p.checkIns().size() && keptScores.size() == p.scores().size()
				&& keptVitals.size() == p.vitals().size() && keptCheckIns.earlyBaseline() == p.earlyBaseline()) {
			return p;
		}
		Instant keptFrom = (p.keptFrom() != null && p.keptFrom().isAfter(from)) ? p.keptFrom() : from;
		return new Projection(keptSessions, keptMarks, keptCheckIns.checkIns(), keptScores,
				pastWeekHours(p, zone, cutoff), keptFrom, keptCheckIns.earlyBaseline(), p.lastScored(), keptVitals);
	}

	/** The check-ins kept, and the early warning's fallback baseline once sealed. */
	private record KeptCheckIns(List<CheckInMark> checkIns, @Nullable EarlyBaseline earlyBaseline) {
	}

	private KeptCheckIns keptCheckIns(Projection p, ZoneId zone, Instant from) {
		List<CheckInMark> byTime = p.checkIns().stream().sorted(CHECK_IN_ORDER).toList();
		List<CheckInMark> old = byTime.stream().filter((c) -> c.occurredAt().isBefore(from)).toList();
		if (old.isEmpty()) {
			return new KeptCheckIns(p.checkIns(), p.earlyBaseline());
		}
		Set<String> keep = new HashSet<>();
		byTime.stream().filter((c) -> !c.occurredAt().isBefore(from)).forEach((c) -> keep.add(c.checkInId()));
		EarlyBaseline early = p.earlyBaseline();
		if (early == null) {
			LocalDate firstDay = LocalDate.ofInstant(byTime.getFirst().occurredAt(), zone);
			LocalDate earlyEnd = firstDay.plusDays(LapseFeatures.EARLY_BASELINE_DAYS);
			if (earlyEnd.atStartOfDay(zone).toInstant().isAfter(from)) {
				// the first days are partly still raw facts: their check-ins stay
				old.stream()
					.filter((c) -> LocalDate.ofInstant(c.occurredAt(), zone).isBefore(earlyEnd))
					.forEach((c) -> keep.add(c.checkInId()));
			}
			else {
				// all of them have left: only what the early warning reads of them stays,
				// computed from exactly those check-ins (every later evaluation's recent
				// days are long after them)
				early = new EarlyBaseline(byTime.getFirst().occurredAt(),
						CheckInMedians.of(LapseFeatures.earlyDays(byTime, firstDay, earlyEnd, zone)));
			}
		}
		int latest = Math.max(1, this.thresholds.cravingConsecutive());
		old.subList(Math.max(0, old.size() - latest), old.size()).forEach((c) -> keep.add(c.checkInId()));
		// a run of high craving up to the cutoff: its first check-in and the one before
		// it (which ends the walk back over the run)
		int runStart = old.size();
		while (runStart > 0 && old.get(runStart - 1).craving() >= this.thresholds.cravingHigh()) {
			runStart--;
		}
		if (runStart < old.size()) {
			keep.add(old.get(runStart).checkInId());
		}
		if (runStart > 0) {
			keep.add(old.get(runStart - 1).checkInId());
		}
		return new KeptCheckIns(p.checkIns().stream().filter((c) -> keep.contains(c.checkInId())).toList(), early);
	}

	private static List<ScoreMark> keptScores(Projection p, Instant from) {
		Set<String> keep = new HashSet<>();
		Map<Object, List<ScoreMark>> oldSeries = new HashMap<>();
		for (ScoreMark score : p.scores()) {
			if (!score.occurredAt().isBefore(from)) {
				keep.add(score.assessmentId());
			}
			else if (score.total() != null) {
				oldSeries.computeIfAbsent(score.instrument(), (i) -> new ArrayList<>()).add(score);
			}
		}
		for (List<ScoreMark> series : oldSeries.values()) {
			series.sort(SCORE_ORDER);
			keep.add(series.getFirst().assessmentId());
			series.subList(Math.max(0, series.size() - 2), series.size()).forEach((s) -> keep.add(s.assessmentId()));
		}
		return (keep.size() == p.scores().size()) ? p.scores()
				: p.scores().stream().filter((s) -> keep.contains(s.assessmentId())).toList();
	}

	/**
	 * Sessions and attendance records kept: everything of a session from {@code from} on,
	 * and before it the sessions of the run of no-shows (recorded, or sessions without a
	 * record) still going on at the cutoff, the attended session before that run, and the
	 * first attendance record.
	 */
	private static void keepAttendance(Projection p, Instant from, Set<String> sessions, Set<String> records) {
		Map<String, List<AttendanceMark>> marksBySession = new LinkedHashMap<>();
		p.attendance().forEach((a) -> marksBySession.computeIfAbsent(a.sessionId(), (id) -> new ArrayList<>()).add(a));
		Map<String, SessionSlot> slots = new HashMap<>();
		p.sessions().forEach((s) -> slots.put(s.sessionId(), s));
		Set<String> old = new HashSet<>();
		Set<String> all = new HashSet<>(slots.keySet());
		all.addAll(marksBySession.keySet());
		for (String session : all) {
			SessionSlot slot = slots.get(session);
			boolean recent = slot != null && slot.startsAt() != null && !slot.startsAt().isBefore(from);
			for (AttendanceMark mark : marksBySession.getOrDefault(session, List.of())) {
				recent |= !mark.occurredAt().isBefore(from);
			}
			if (recent) {
				keep(session, marksBySession, sessions, records);
			}
			else {
				old.add(session);
			}
		}
		// the outcomes before the cutoff as S9 walks them, newest first
		List<AttendanceMark> outcomes = new ArrayList<>();
		for (String session : old) {
			List<AttendanceMark> marks = marksBySession.getOrDefault(session, List.of());
			outcomes.addAll(marks);
			SessionSlot slot = slots.get(session);
			if (marks.isEmpty() && slot != null && slot.startsAt() != null) {
				// an unrecorded session is a no-show; a cancelled one is walked over
				outcomes.add(new AttendanceMark("unrecorded:" + session, session,
						slot.cancelled() ? AttendanceStatus.CANCELLED_BY_PROGRAM : AttendanceStatus.NO_SHOW, 0,
						slot.startsAt(), 0, slot.sessionType()));
			}
		}
		outcomes.sort(OUTCOME_ORDER.reversed());
		// excused and cancelled sessions inside the run are kept too: S9 walks over
		// them, and a session without its record, published again, would be a no-show
		for (AttendanceMark outcome : outcomes) {
			keep(outcome.sessionId(), marksBySession, sessions, records);
			if (outcome.status().present()) {
				break;
			}
		}
		// and S13's walk over the family sessions alone
		for (AttendanceMark outcome : outcomes) {
			SessionSlot slot = slots.get(outcome.sessionId());
			boolean family = outcome.sessionType() == SessionType.FAMILY
					|| (outcome.sessionType() == null && slot != null && slot.sessionType() == SessionType.FAMILY);
			if (family) {
				keep(outcome.sessionId(), marksBySession, sessions, records);
				if (outcome.status().present()) {
					break;
				}
			}
		}
		p.attendance()
			.stream()
			.min(OUTCOME_ORDER)
			.ifPresent((first) -> keep(first.sessionId(), marksBySession, sessions, records));
	}

	private static void keep(String session, Map<String, List<AttendanceMark>> marksBySession, Set<String> sessions,
			Set<String> records) {
		sessions.add(session);
		marksBySession.getOrDefault(session, List.of()).forEach((a) -> records.add(a.recordId()));
	}

	/**
	 * The weeks before the cutoff summed once, then left as they are, as long as the
	 * progress picture can still show them: it shows {@link Rules#DELIVERED_HOURS_WEEKS}
	 * weeks back from a clinical now, and no later evaluation looks from before the
	 * cutoff's week (nor a redelivery's check, which prunes at the same cutoff again).
	 */
	private static Map<String, Double> pastWeekHours(Projection p, ZoneId zone, LocalDate cutoff) {
		Map<String, Double> weeks = new TreeMap<>(p.pastWeekHours());
		Map<String, Double> sealed = new TreeMap<>();
		for (AttendanceMark mark : p.attendance()) {
			LocalDate day = LocalDate.ofInstant(mark.occurredAt(), zone);
			String week = Rules.isoWeek(day);
			if (mark.status().present() && day.isBefore(cutoff) && !weeks.containsKey(week)) {
				sealed.merge(week, mark.minutesAttended() / 60.0, Double::sum);
			}
		}
		weeks.putAll(sealed);
		// week keys sort in time order (four-digit years, two-digit weeks)
		String oldestShown = Rules.isoWeek(Rules.firstDeliveredHoursWeek(cutoff));
		weeks.keySet().removeIf((week) -> week.compareTo(oldestShown) < 0);
		return weeks;
	}

}
