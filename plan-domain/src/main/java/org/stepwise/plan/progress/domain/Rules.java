package org.stepwise.plan.progress.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

/**
 * The signals S1-S16, relapse risk, step-down readiness and step-up conditions of
 * docs/clinical-rules.md sections 3, 4 and 8 (eating disorder: S14-S16), as a pure
 * function of (projection, plan, thresholds, program focus, zone, now); the focus selects
 * which of them a program monitors (see {@link ProgramFocus}). Every window is a whole
 * number of clinical days in the program's zone ending today, so the result only changes
 * with new facts or at a local midnight.
 * <p>
 * What is absent (an unrecorded session counted as a no-show in S9/S10, an under-dosed
 * S11 week, the missed days of S12) is judged as of {@code absenceAsOf}, never later than
 * {@code now}; what is present (attendance records, check-ins, scores) counts at
 * {@code now}. The evaluator holds {@code absenceAsOf} back while a patient's facts are
 * still arriving (a redelivery, a replay, records out of order), so a fact on its way
 * never shows as missing first: presence clears a signal at once, absence raises one only
 * once the facts have settled. An unrecorded session counts as missing after the end of
 * the clinical day after it; an S11 week is judged once its last day's grace day is over
 * too (from Tuesday), so a Sunday session recorded on Monday is not missing.
 */
public final class Rules {

	public static final String RULE_SET_VERSION = "clinical-2026.1";

	/** How many ISO weeks of delivered hours the progress picture shows. */
	public static final int DELIVERED_HOURS_WEEKS = 12;

	private static final Set<AttendanceStatus> NOT_COUNTED = Set.of(AttendanceStatus.EXCUSED,
			AttendanceStatus.CANCELLED_BY_PROGRAM);

	private final Thresholds t;

	private final ProgramFocus focus;

	private final ZoneId zone;

	private final Instant now;

	private final LocalDate today;

	private final Projection p;

	private final @Nullable PlanContext plan;

	/** The instant absence is judged at; null: nothing counts as absent yet. */
	private final @Nullable Instant absenceAsOf;

	private Rules(Projection projection, @Nullable PlanContext plan, Thresholds thresholds, ProgramFocus focus,
			ZoneId zone, Instant now, @Nullable Instant absenceAsOf) {
		this.p = projection;
		this.plan = plan;
		this.t = thresholds;
		this.focus = focus;
		this.zone = zone;
		this.now = now;
		this.today = LocalDate.ofInstant(now, zone);
		this.absenceAsOf = (absenceAsOf != null && absenceAsOf.isAfter(now)) ? now : absenceAsOf;
	}

	/**
	 * How many clinical days back from today (or from the day absence is judged at) any
	 * rule reads facts by their time: the longest window of the thresholds, the S11 week
	 * judged (up to 15 days back) and the grace day of an unrecorded session. Older facts
	 * matter only as the first or latest of something (a baseline score, the last
	 * check-in, a run), see {@link Retention}.
	 */
	public static int readsDaysBack(Thresholds t) {
		int s11Week = 7 + 7 + 1;
		int windows = IntStream
			.of(t.safetyWindowDays(), t.instrumentRecentDays(), t.useWindowDays(), t.stepDownSoberDays(),
					t.cravingRecentDays(), t.attendanceWindowDays(), t.stepDownAttendanceDays(),
					t.stepDownCravingDays(), t.silenceDays(), s11Week,
					t.edVitalsRecentDays() + t.edWeightLossWeeks() * WeightLossRule.LONGEST_WEEK_DAYS)
			.max()
			.orElse(0);
		return windows + 1;
	}

	/**
	 * Evaluated with absence judged at {@code now} (the facts are complete), for a
	 * program without types ({@link ProgramFocus#DEFAULT}).
	 */
	public static Assessment evaluate(Projection projection, @Nullable PlanContext plan, Thresholds thresholds,
			ZoneId zone, Instant now) {
		return evaluate(projection, plan, thresholds, ProgramFocus.DEFAULT, zone, now, now);
	}

	/**
	 * Evaluated with absence judged as of {@code absenceAsOf} (null: nothing is absent
	 * yet), see the class comment, for a program without types.
	 */
	public static Assessment evaluate(Projection projection, @Nullable PlanContext plan, Thresholds thresholds,
			ZoneId zone, Instant now, @Nullable Instant absenceAsOf) {
		return evaluate(projection, plan, thresholds, ProgramFocus.DEFAULT, zone, now, absenceAsOf);
	}

	/** Evaluated with absence judged at {@code now}, for the program's focus. */
	public static Assessment evaluate(Projection projection, @Nullable PlanContext plan, Thresholds thresholds,
			ProgramFocus focus, ZoneId zone, Instant now) {
		return evaluate(projection, plan, thresholds, focus, zone, now, now);
	}

	/**
	 * Evaluated with absence judged as of {@code absenceAsOf}, for the program's focus:
	 * only the signals it monitors are evaluated.
	 */
	public static Assessment evaluate(Projection projection, @Nullable PlanContext plan, Thresholds thresholds,
			ProgramFocus focus, ZoneId zone, Instant now, @Nullable Instant absenceAsOf) {
		return new Rules(projection, plan, thresholds, focus, zone, now, absenceAsOf).evaluate();
	}

	private Assessment evaluate() {
		List<SignalFired> signals = new ArrayList<>();
		safetyPhq9(signals);
		safetyCssrs(signals);
		if (this.focus.mentalHealth()) {
			worsening(signals, Instrument.PHQ9, "S3", "DEPRESSION_WORSENING", "PHQ-9", this.t.phq9ReliableChange());
			worsening(signals, Instrument.GAD7, "S4", "ANXIETY_WORSENING", "GAD-7", this.t.gad7ReliableChange());
			notOnTrack(signals);
		}
		if (this.focus.addiction()) {
			substanceUse(signals);
			craving(signals);
			bamConcern(signals);
		}
		List<AttendanceMark> outcomes = outcomes();
		new DisengagementRule(this.t.noShowOutreach(), this.t.noShowDischargeRisk()).evaluate(outcomes)
			.ifPresent(signals::add);
		lowAttendance(signals, outcomes);
		underDosed(signals);
		silence(signals);
		if (this.focus.adolescent()) {
			new FamilySessionsRule(this.t.familySessionsMissedInRow()).evaluate(familyOutcomes(outcomes), this.zone)
				.ifPresent(signals::add);
		}
		if (this.focus.eatingDisorder()) {
			eatingDisorder(signals);
		}
		signals.sort(Comparator.comparingInt((SignalFired signal) -> Integer.parseInt(signal.id().substring(1))));
		Assessment partial = new Assessment(risk(signals), false, List.copyOf(signals), Map.of(), List.of(), false);
		Map<String, Boolean> readiness = readiness(partial, outcomes);
		boolean ready = !readiness.isEmpty() && !readiness.containsValue(false);
		return new Assessment(partial.riskLevel(), ready, partial.signals(), readiness, stepUp(partial),
				partial.has("S2"));
	}

	// S14-S16 (section 8, eating disorder)
	private void eatingDisorder(List<SignalFired> signals) {
		boolean adolescent = this.focus.adolescent() || (this.plan != null && this.plan.adolescent());
		new MedicalInstabilityRule(this.t, adolescent).evaluate(this.p.vitals(), this.zone, this.now)
			.ifPresent(signals::add);
		new WeightLossRule(this.t).evaluate(this.p.vitals(), this.zone, this.now).ifPresent(signals::add);
		if (this.t.edeqsRise() > 0) {
			worsening(signals, Instrument.EDEQS, "S16", "EATING_DISORDER_WORSENING", "EDE-QS", this.t.edeqsRise());
		}
	}

	// S1
	private void safetyPhq9(List<SignalFired> signals) {
		ScoreMark latest = latest(Instrument.PHQ9, this.t.safetyWindowDays());
		if (latest != null && latest.item9() != null && latest.item9() > 0) {
			Severity severity = (latest.item9() >= this.t.phq9Item9Urgent()) ? Severity.CRITICAL : Severity.HIGH;
			signals.add(signal("S1", "SAFETY", severity, "PHQ-9 item 9 = " + latest.item9() + " on " + date(latest),
					Map.of("item9", latest.item9().toString()), latest.occurredAt()));
		}
	}

	// S2
	private void safetyCssrs(List<SignalFired> signals) {
		ScoreMark latest = latest(Instrument.CSSRS, this.t.safetyWindowDays());
		if (latest != null && emergent(latest)) {
			signals.add(signal("S2", "SAFETY", Severity.CRITICAL, "C-SSRS emergent on " + date(latest),
					Map.of("band", latest.band()), latest.occurredAt()));
		}
	}

	private static boolean emergent(ScoreMark mark) {
		return mark.instrument() == Instrument.CSSRS
				&& (mark.safety() == SafetyLevel.CRITICAL || "emergent".equalsIgnoreCase(mark.band()));
	}

	// S3, S4
	private void worsening(List<SignalFired> signals, Instrument instrument, String id, String kind, String label,
			int change) {
		List<ScoreMark> series = series(instrument);
		if (series.size() < 2 || !recent(series.getLast(), this.t.instrumentRecentDays())) {
			return;
		}
		ScoreMark baseline = series.getFirst();
		ScoreMark previous = series.get(series.size() - 2);
		ScoreMark latest = series.getLast();
		int fromBaseline = latest.total() - baseline.total();
		int fromPrevious = latest.total() - previous.total();
		ScoreMark reference = (fromPrevious >= change) ? previous : (fromBaseline >= change) ? baseline : null;
		if (reference == null) {
			return;
		}
		int rise = latest.total() - reference.total();
		signals.add(signal(id, kind, Severity.MEDIUM,
				label + " " + reference.total() + " -> " + latest.total() + " (+" + rise + ") since " + date(reference),
				Map.of("baseline", baseline.total().toString(), "previous", previous.total().toString(), "latest",
						latest.total().toString(), "change", Integer.toString(rise)),
				latest.occurredAt()));
	}

	// S5
	private void notOnTrack(List<SignalFired> signals) {
		List<ScoreMark> series = series(Instrument.PHQ9);
		if (series.size() < 2 || series.getFirst().total() < this.t.notOnTrackBaselineMin()) {
			return;
		}
		ScoreMark baseline = series.getFirst();
		ScoreMark latest = series.getLast();
		long days = ChronoUnit.DAYS.between(date(baseline), date(latest));
		if (days < 28) {
			return;
		}
		int required = (days >= 56) ? this.t.notOnTrackWeek8ResponsePercent() : this.t.notOnTrackWeek4DropPercent();
		int drop = dropPercent(baseline.total(), latest.total());
		if (drop < required) {
			signals.add(signal("S5", "NOT_ON_TRACK", Severity.MEDIUM,
					"PHQ-9 " + change(baseline.total(), latest.total(), drop) + "; a drop of at least " + required
							+ "% was expected by week " + ((days >= 56) ? 8 : 4),
					Map.of("baseline", baseline.total().toString(), "latest", latest.total().toString(), "dropPercent",
							Integer.toString(drop), "week", Long.toString(days / 7)),
					latest.occurredAt()));
		}
	}

	/** The change said as it went: a rise is never a "-50% drop". */
	private static String change(int from, int to, int dropPercent) {
		if (to > from) {
			return "rose from " + from + " to " + to + " (up " + (-dropPercent) + "%)";
		}
		return (to == from) ? "stayed at " + from : "fell from " + from + " to " + to + " (down " + dropPercent + "%)";
	}

	private static int dropPercent(int baseline, int latest) {
		return (baseline == 0) ? 0 : (int) Math.floor((baseline - latest) * 100.0 / baseline);
	}

	// S6
	private void substanceUse(List<SignalFired> signals) {
		Set<LocalDate> days = useDays(this.t.useWindowDays());
		if (days.isEmpty()) {
			return;
		}
		Severity severity = (days.size() >= this.t.useRepeatCount()) ? Severity.HIGH : Severity.MEDIUM;
		LocalDate first = days.iterator().next();
		signals.add(signal("S6", "SUBSTANCE_USE", severity,
				"use on " + days.size() + " day(s) in " + this.t.useWindowDays() + " days, first " + first,
				Map.of("useDays", Integer.toString(days.size()), "windowDays",
						Integer.toString(this.t.useWindowDays())),
				first.atStartOfDay(this.zone).toInstant()));
	}

	/**
	 * Clinical days with self-reported use, a drug screen that counts as use or BAM Use
	 * >= 1.
	 */
	private Set<LocalDate> useDays(int windowDays) {
		LocalDate from = this.today.minusDays(windowDays - 1);
		Set<LocalDate> days = new TreeSet<>();
		for (CheckInMark checkIn : this.p.checkIns()) {
			if (checkIn.used()) {
				days.add(date(checkIn.occurredAt()));
			}
		}
		for (ScoreMark score : this.p.scores()) {
			Integer bamUse = (score.instrument() == Instrument.BAM) ? score.subscale("use") : null;
			if ((score.instrument() == Instrument.UDS && score.countsAsUse()) || (bamUse != null && bamUse >= 1)) {
				days.add(date(score.occurredAt()));
			}
		}
		days.removeIf((day) -> day.isBefore(from) || day.isAfter(this.today));
		return days;
	}

	// S7
	private void craving(List<SignalFired> signals) {
		List<CheckInMark> checkIns = checkInsByTime();
		Map<String, String> values = new LinkedHashMap<>();
		Severity severity = null;
		Instant since = null;
		List<String> evidence = new ArrayList<>();
		int n = this.t.cravingConsecutive();
		if (n > 0 && checkIns.size() >= n && recent(checkIns.getLast().occurredAt(), this.t.cravingRecentDays())) {
			List<CheckInMark> last = checkIns.subList(checkIns.size() - n, checkIns.size());
			if (last.stream().allMatch((checkIn) -> checkIn.craving() >= this.t.cravingHigh())) {
				// Since the start of the run of high-craving check-ins, so the evidence
				// stays the same while the run goes on (no republishing every day).
				int start = checkIns.size() - n;
				while (start > 0 && checkIns.get(start - 1).craving() >= this.t.cravingHigh()) {
					start--;
				}
				severity = Severity.LOW;
				since = checkIns.get(start).occurredAt();
				values.put("cravingAtLeast", Integer.toString(this.t.cravingHigh()));
				values.put("runStart", date(since).toString());
				evidence.add("craving >= " + this.t.cravingHigh() + " on consecutive check-ins since " + date(since));
			}
		}
		ScoreMark pacs = latest(Instrument.PACS, this.t.instrumentRecentDays());
		if (pacs != null && pacs.total() != null && pacs.total() >= this.t.pacsElevated()) {
			severity = Severity.MEDIUM;
			since = (since == null || pacs.occurredAt().isBefore(since)) ? pacs.occurredAt() : since;
			values.put("pacs", pacs.total().toString());
			evidence.add("PACS " + pacs.total() + " on " + date(pacs));
		}
		if (severity != null) {
			signals.add(signal("S7", "CRAVING", severity, String.join("; ", evidence), values, since));
		}
	}

	// S8
	private void bamConcern(List<SignalFired> signals) {
		ScoreMark bam = latest(Instrument.BAM, this.t.instrumentRecentDays());
		if (bam == null) {
			return;
		}
		Integer risk = bam.subscale("risk");
		Integer protective = bam.subscale("protective");
		boolean riskHigh = risk != null && risk >= this.t.bamRiskConcern();
		boolean protectiveLow = protective != null && protective <= this.t.bamProtectiveConcern();
		if (riskHigh || protectiveLow) {
			Map<String, String> values = new LinkedHashMap<>();
			if (risk != null) {
				values.put("risk", risk.toString());
			}
			if (protective != null) {
				values.put("protective", protective.toString());
			}
			signals.add(signal("S8", "BAM_CONCERN", Severity.MEDIUM,
					"BAM Risk " + risk + ", Protective " + protective + " on " + date(bam), values, bam.occurredAt()));
		}
	}

	/**
	 * One outcome per attended-or-missed session: the attendance records, plus a NO_SHOW
	 * for every scheduled, uncancelled session that has no record by the end of the
	 * clinical day after it (the clinical sources are silent on unrecorded sessions,
	 * docs/clinical-rules.md section 3; one day of grace lets staff record late without a
	 * false no-show).
	 */
	private List<AttendanceMark> outcomes() {
		return outcomes(this.p, this.zone, this.now, this.absenceAsOf);
	}

	static List<AttendanceMark> outcomes(Projection p, ZoneId zone, Instant now) {
		return outcomes(p, zone, now, now);
	}

	/**
	 * Recorded outcomes up to {@code now}, unrecorded sessions as of {@code absenceAsOf}.
	 */
	static List<AttendanceMark> outcomes(Projection p, ZoneId zone, Instant now, @Nullable Instant absenceAsOf) {
		Set<String> recorded = p.attendance().stream().map(AttendanceMark::sessionId).collect(Collectors.toSet());
		List<AttendanceMark> outcomes = new ArrayList<>(p.attendance());
		LocalDate absenceDay = (absenceAsOf != null) ? LocalDate.ofInstant(absenceAsOf, zone) : null;
		for (SessionSlot session : p.sessions()) {
			if (absenceDay != null && !session.cancelled() && session.startsAt() != null
					&& !recorded.contains(session.sessionId())
					&& LocalDate.ofInstant(session.startsAt(), zone).isBefore(absenceDay.minusDays(1))) {
				outcomes.add(new AttendanceMark("unrecorded:" + session.sessionId(), session.sessionId(),
						AttendanceStatus.NO_SHOW, 0, session.startsAt(), 0, session.sessionType()));
			}
		}
		outcomes.removeIf((outcome) -> outcome.occurredAt().isAfter(now));
		return outcomes;
	}

	/**
	 * The outcomes of family sessions: by the record's session type, or the session's
	 * when the record was stored before types were kept.
	 */
	private List<AttendanceMark> familyOutcomes(List<AttendanceMark> outcomes) {
		Set<String> familySessions = this.p.sessions()
			.stream()
			.filter((s) -> s.sessionType() == SessionType.FAMILY)
			.map(SessionSlot::sessionId)
			.collect(Collectors.toSet());
		return outcomes.stream()
			.filter((o) -> o.sessionType() == SessionType.FAMILY
					|| (o.sessionType() == null && familySessions.contains(o.sessionId())))
			.toList();
	}

	record Rate(int present, int counted) {

		int percent() {
			return (this.counted == 0) ? 100 : (int) Math.floor(this.present * 100.0 / this.counted);
		}

	}

	private Rate rate(List<AttendanceMark> outcomes, int windowDays) {
		return rate(outcomes, this.today.minusDays(windowDays - 1).atStartOfDay(this.zone).toInstant(), this.now);
	}

	/** Attended of counted outcomes from {@code from} to {@code to}, both included. */
	static Rate rate(List<AttendanceMark> outcomes, Instant from, Instant to) {
		int present = 0;
		int counted = 0;
		for (AttendanceMark outcome : outcomes) {
			if (!outcome.occurredAt().isBefore(from) && !outcome.occurredAt().isAfter(to)
					&& !NOT_COUNTED.contains(outcome.status())) {
				counted++;
				present += outcome.status().present() ? 1 : 0;
			}
		}
		return new Rate(present, counted);
	}

	// S10
	private void lowAttendance(List<SignalFired> signals, List<AttendanceMark> outcomes) {
		Rate rate = rate(outcomes, this.t.attendanceWindowDays());
		if (rate.counted() >= this.t.attendanceMinScheduled() && rate.percent() < this.t.attendanceMinPercent()) {
			signals.add(signal("S10", "LOW_ATTENDANCE", Severity.MEDIUM,
					rate.present() + " of " + rate.counted() + " sessions attended (" + rate.percent() + "%) in "
							+ this.t.attendanceWindowDays() + " days",
					Map.of("attended", Integer.toString(rate.present()), "scheduled", Integer.toString(rate.counted()),
							"percent", Integer.toString(rate.percent())),
					this.today.minusDays(this.t.attendanceWindowDays() - 1).atStartOfDay(this.zone).toInstant()));
		}
	}

	/**
	 * Delivered hours per ISO week ({@code 2026-W10}) on clinical time, of the current
	 * week and the {@link #DELIVERED_HOURS_WEEKS} - 1 before it: the progress picture's
	 * history, which the hot state keeps no longer than that (attendance-service holds
	 * every record).
	 */
	public static Map<String, Double> deliveredHoursPerWeek(Projection projection, ZoneId zone, Instant now) {
		String oldest = isoWeek(firstDeliveredHoursWeek(LocalDate.ofInstant(now, zone)));
		// weeks whose facts have left the projection come from its aggregate
		Map<String, Double> hours = new java.util.TreeMap<>(projection.pastWeekHours());
		for (AttendanceMark mark : projection.attendance()) {
			String week = isoWeek(LocalDate.ofInstant(mark.occurredAt(), zone));
			if (mark.status().present() && !projection.pastWeekHours().containsKey(week)) {
				hours.merge(week, mark.minutesAttended() / 60.0, Double::sum);
			}
		}
		// week keys sort in time order (four-digit years, two-digit weeks)
		hours.keySet().removeIf((week) -> week.compareTo(oldest) < 0);
		return hours;
	}

	/**
	 * The Monday of the oldest week the progress picture shows on {@code day}: the weeks
	 * of a typical IOP episode (8-12), longer than Medicare's recertification interval
	 * (every other month).
	 */
	static LocalDate firstDeliveredHoursWeek(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(DELIVERED_HOURS_WEEKS - 1);
	}

	/** {@code 2026-W10}. */
	static String isoWeek(LocalDate day) {
		return day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
				+ String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	// S11: the last complete ISO week whose grace is over (the current one is still
	// filling up; its Sunday may be recorded on Monday)
	private void underDosed(List<SignalFired> signals) {
		if (this.plan == null || this.absenceAsOf == null) {
			return;
		}
		int minimum = this.t.band(this.plan.levelCode(), this.plan.adolescent()).minHours();
		LocalDate weekStart = LocalDate.ofInstant(this.absenceAsOf, this.zone)
			.minusDays(1)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.minusWeeks(1);
		if (minimum <= 0 || weekStart.isBefore(this.plan.startDate()) || weekStart.isBefore(this.plan.levelSince())) {
			return;
		}
		Instant from = weekStart.atStartOfDay(this.zone).toInstant();
		Instant to = weekStart.plusWeeks(1).atStartOfDay(this.zone).toInstant();
		double minutes = this.p.attendance()
			.stream()
			.filter((mark) -> mark.status().present() && !mark.occurredAt().isBefore(from)
					&& mark.occurredAt().isBefore(to))
			.mapToInt(AttendanceMark::minutesAttended)
			.sum();
		double hours = minutes / 60.0;
		if (hours < minimum) {
			String week = weekStart.get(IsoFields.WEEK_BASED_YEAR) + "-W"
					+ String.format("%02d", weekStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			String delivered = String.format(java.util.Locale.ROOT, "%.1f", hours);
			signals.add(
					signal("S11", "UNDER_DOSED_WEEK", Severity.LOW,
							delivered + " h delivered in " + week + ", level minimum " + minimum + " h", Map.of("week",
									week, "deliveredHours", delivered, "minimumHours", Integer.toString(minimum)),
							from));
		}
	}

	// S12: full clinical days without a check-in, counted from the last one (or from the
	// start of treatment)
	private void silence(List<SignalFired> signals) {
		if (this.plan == null || this.absenceAsOf == null) {
			return;
		}
		List<CheckInMark> checkIns = checkInsByTime();
		LocalDate firstMissed = checkIns.isEmpty() ? this.plan.startDate()
				: date(checkIns.getLast().occurredAt()).plusDays(1);
		long missed = ChronoUnit.DAYS.between(firstMissed, date(this.absenceAsOf));
		if (missed >= this.t.silenceDays()) {
			signals.add(signal("S12", "CHECK_IN_SILENCE", Severity.LOW,
					"no check-in for " + missed + " days since " + firstMissed,
					Map.of("daysWithoutCheckIn", Long.toString(missed)),
					firstMissed.atStartOfDay(this.zone).toInstant()));
		}
	}

	/**
	 * docs/clinical-rules.md section 3, relapse risk, over the signals the program
	 * monitors: HIGH when use (S6) co-occurs with craving, missed sessions or depression
	 * or anxiety worsening (S7, S9, S10, S3, S4), or repeats; MODERATE for any one of
	 * S3-S10. So with both focuses (dual diagnosis, and the default) worsening raises
	 * relapse risk as it always did; without addiction there is no use and risk is at
	 * most MODERATE; without mental health S3-S5 never fire. S11-S13 do not enter it.
	 */
	public static RiskLevel risk(List<SignalFired> signals) {
		Set<String> ids = signals.stream().map(SignalFired::id).collect(Collectors.toSet());
		SignalFired use = signals.stream().filter((s) -> s.id().equals("S6")).findFirst().orElse(null);
		if (use != null && (use.severity() == Severity.HIGH || ids.contains("S7") || ids.contains("S9")
				|| ids.contains("S10") || ids.contains("S3") || ids.contains("S4"))) {
			return RiskLevel.HIGH;
		}
		boolean any = ids.stream()
			.anyMatch((id) -> Set.of("S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10").contains(id));
		return any ? RiskLevel.MODERATE : RiskLevel.LOW;
	}

	/**
	 * docs/clinical-rules.md section 4, each criterion by name. "No open relapse-risk,
	 * disengagement or safety alert" is read from the current signals (plan-service does
	 * not consume alerts): risk LOW and none of S1, S2, S9, S10, S13.
	 */
	private Map<String, Boolean> readiness(Assessment assessment, List<AttendanceMark> outcomes) {
		if (this.plan == null || this.plan.levelCode().equals("1.0") || !this.focus.judgesReadiness()) {
			return Map.of();
		}
		// the criteria of a domain the program does not monitor are left out
		Map<String, Boolean> criteria = new LinkedHashMap<>();
		criteria.put("weeksInLevel",
				ChronoUnit.DAYS.between(this.plan.levelSince(), this.today) >= this.t.stepDownMinDays());
		if (this.focus.addiction()) {
			criteria.put("abstinent", useDays(this.t.stepDownSoberDays()).isEmpty());
		}
		Rate rate = rate(outcomes, this.t.stepDownAttendanceDays());
		criteria.put("attendance", rate.counted() >= this.t.attendanceMinScheduled()
				&& rate.percent() >= this.t.stepDownAttendancePercent());
		if (this.focus.mentalHealth()) {
			List<ScoreMark> phq9 = series(Instrument.PHQ9);
			criteria.put("depression", !phq9.isEmpty() && (phq9.getLast().total() < this.t.stepDownPhq9Below()
					|| dropPercent(phq9.getFirst().total(), phq9.getLast().total()) >= 50));
			List<ScoreMark> gad7 = series(Instrument.GAD7);
			criteria.put("anxiety", gad7.isEmpty() || gad7.getLast().total() < this.t.stepDownGad7Below());
		}
		LocalDate safetyFrom = this.today.minusDays(this.t.safetyWindowDays() - 1);
		criteria.put("noSafetyEvent",
				this.p.scores()
					.stream()
					.filter((score) -> !date(score).isBefore(safetyFrom))
					.noneMatch((score) -> emergent(score) || (score.item9() != null && score.item9() > 0)));
		LocalDate cravingFrom = this.today.minusDays(this.t.stepDownCravingDays() - 1);
		List<CheckInMark> recentCheckIns = this.p.checkIns()
			.stream()
			.filter((c) -> !date(c.occurredAt()).isBefore(cravingFrom) && !c.occurredAt().isAfter(this.now))
			.toList();
		if (this.focus.addiction()) {
			criteria.put("craving",
					!recentCheckIns.isEmpty()
							&& recentCheckIns.stream().mapToInt(CheckInMark::craving).average().orElse(0) <= this.t
								.stepDownCravingMaxAverage());
			List<ScoreMark> bam = series(Instrument.BAM);
			criteria.put("bam", bam.isEmpty() || bamClear(bam.getLast()));
		}
		// family sessions missed (S13, adolescent programs) are disengagement too
		criteria.put("noOpenRisk",
				assessment.riskLevel() == RiskLevel.LOW && !assessment.has("S1") && !assessment.has("S2")
						&& !assessment.has("S9") && !assessment.has("S10") && !assessment.has("S13")
						&& !eatingDisorderRisk(assessment));
		return criteria;
	}

	/**
	 * Medical instability, rapid weight loss or EDE-QS worsening (S14-S16) hold back
	 * step-down readiness where it is judged (an eating-disorder focus with another).
	 */
	private static boolean eatingDisorderRisk(Assessment assessment) {
		return assessment.has("S14") || assessment.has("S15") || assessment.has("S16");
	}

	private boolean bamClear(ScoreMark bam) {
		Integer risk = bam.subscale("risk");
		Integer protective = bam.subscale("protective");
		Integer use = bam.subscale("use");
		return (risk == null || risk < this.t.bamRiskConcern())
				&& (protective == null || protective > this.t.bamProtectiveConcern()) && (use == null || use == 0);
	}

	/** Step-up conditions that need no history (section 4). */
	private List<Reason> stepUp(Assessment assessment) {
		List<Reason> reasons = new ArrayList<>();
		assessment.signal("S6")
			.filter((use) -> use.severity() == Severity.HIGH && !assessment.has("S9") && !assessment.has("S10"))
			.ifPresent((use) -> reasons
				.add(new Reason("S6", "repeated use with attendance intact: " + use.evidence(), use.values())));
		ScoreMark phq9 = this.focus.mentalHealth() ? latest(Instrument.PHQ9, this.t.instrumentRecentDays()) : null;
		if (phq9 != null && phq9.total() != null && phq9.total() >= this.t.stepUpPhq9()) {
			reasons.add(new Reason("PHQ9_SEVERE", "PHQ-9 " + phq9.total() + " on " + date(phq9),
					Map.of("phq9", phq9.total().toString())));
		}
		assessment.signal("S2").ifPresent((s2) -> reasons.add(new Reason("S2", s2.evidence(), s2.values())));
		// medical instability: a higher level of care the same day (section 8)
		assessment.signal("S14")
			.ifPresent((s14) -> reasons.add(new Reason("S14",
					"medical instability, assess for a higher level of care today: " + s14.evidence(), s14.values())));
		return List.copyOf(reasons);
	}

	private List<ScoreMark> series(Instrument instrument) {
		return this.p.scores()
			.stream()
			.filter((score) -> score.instrument() == instrument && score.total() != null
					&& !score.occurredAt().isAfter(this.now))
			.sorted(Comparator.comparing(ScoreMark::occurredAt).thenComparing(ScoreMark::assessmentId))
			.toList();
	}

	private @Nullable ScoreMark latest(Instrument instrument, int withinDays) {
		ScoreMark latest = this.p.scores()
			.stream()
			.filter((score) -> score.instrument() == instrument && !score.occurredAt().isAfter(this.now))
			.max(Comparator.comparing(ScoreMark::occurredAt).thenComparing(ScoreMark::assessmentId))
			.orElse(null);
		return (latest != null && recent(latest, withinDays)) ? latest : null;
	}

	private List<CheckInMark> checkInsByTime() {
		return this.p.checkIns()
			.stream()
			.filter((c) -> !c.occurredAt().isAfter(this.now))
			.sorted(Comparator.comparing(CheckInMark::occurredAt).thenComparing(CheckInMark::checkInId))
			.toList();
	}

	private boolean recent(ScoreMark mark, int days) {
		return recent(mark.occurredAt(), days);
	}

	private boolean recent(Instant at, int days) {
		return !LocalDate.ofInstant(at, this.zone).isBefore(this.today.minusDays(days - 1));
	}

	private LocalDate date(ScoreMark mark) {
		return date(mark.occurredAt());
	}

	private LocalDate date(Instant at) {
		return LocalDate.ofInstant(at, this.zone);
	}

	private static SignalFired signal(String id, String kind, Severity severity, String evidence,
			Map<String, String> values, Instant since) {
		// milliseconds: what the store keeps, so a re-read assessment compares equal
		return new SignalFired(id, kind, severity, evidence, Map.copyOf(values), since.truncatedTo(ChronoUnit.MILLIS));
	}

}
