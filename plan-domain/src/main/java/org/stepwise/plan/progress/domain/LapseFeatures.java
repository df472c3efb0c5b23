package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * The early-warning features of one patient on one clinical day, each with the words a
 * clinician reads when it drives the score. Pure: a function of the projection, the plan
 * and the clinical now.
 *
 * <p>
 * <b>Baseline</b> (docs/clinical-rules.md section 3b): the median of the check-ins from 5
 * weeks to 8 days ago when there are at least 7, else of the first 14 days of check-ins,
 * leaving out the recent ones (their medians, {@link EarlyBaseline}, once retention has
 * let them go); without 3 such check-ins there is no baseline and no trend (levels still
 * count). <b>Recent</b>: the check-ins of the last 2 clinical days, else the latest
 * within 14 days (the last thing known; silence adds its own risk).
 */
public record LapseFeatures(Map<LapseFeature, Double> values, Map<LapseFeature, String> evidence) {

	static final int RECENT_DAYS = 2;

	private static final int LOOK_BACK_DAYS = 14;

	/** The baseline window: check-ins from this many days ago ... */
	static final int BASELINE_FROM_DAYS = 35;

	/** ... to this many days ago. */
	static final int BASELINE_TO_DAYS = 8;

	/** The fallback baseline: the check-ins of the first days of treatment. */
	static final int EARLY_BASELINE_DAYS = 14;

	/** Use counts over the last 30 days, attendance over two 14-day halves. */
	private static final int USE_DAYS = 30;

	private static final int ATTENDANCE_DAYS = 28;

	/**
	 * How many clinical days back from today any feature reads raw facts (the first days
	 * of treatment aside, see {@link #EARLY_BASELINE_DAYS}).
	 */
	public static final int READS_DAYS_BACK = Math.max(BASELINE_FROM_DAYS,
			Math.max(USE_DAYS - 1, Math.max(ATTENDANCE_DAYS - 1, LOOK_BACK_DAYS)));

	private static final Set<AttendanceStatus> NOT_COUNTED = Set.of(AttendanceStatus.EXCUSED,
			AttendanceStatus.CANCELLED_BY_PROGRAM);

	public LapseFeatures {
		values = Map.copyOf(values);
		evidence = Map.copyOf(evidence);
	}

	public double value(LapseFeature feature) {
		return this.values.getOrDefault(feature, 0.0);
	}

	public static LapseFeatures of(Projection projection, @Nullable PlanContext plan, ZoneId zone, Instant now) {
		return new Extraction(projection, plan, zone, now).extract();
	}

	private static final class Extraction {

		private final Projection p;

		private final @Nullable PlanContext plan;

		private final ZoneId zone;

		private final Instant now;

		private final LocalDate today;

		private final Map<LapseFeature, Double> values = new EnumMap<>(LapseFeature.class);

		private final Map<LapseFeature, String> evidence = new EnumMap<>(LapseFeature.class);

		Extraction(Projection p, @Nullable PlanContext plan, ZoneId zone, Instant now) {
			this.p = p;
			this.plan = plan;
			this.zone = zone;
			this.now = now;
			this.today = LocalDate.ofInstant(now, zone);
		}

		LapseFeatures extract() {
			List<CheckInMark> checkIns = this.p.checkIns()
				.stream()
				.filter((c) -> !c.occurredAt().isAfter(this.now))
				.sorted(Comparator.comparing(CheckInMark::occurredAt).thenComparing(CheckInMark::checkInId))
				.toList();
			recentUse(checkIns);
			checkInTrends(checkIns);
			// the first day in treatment: the plan's start, else the first fact seen
			LocalDate start = (this.plan != null) ? this.plan.startDate() : firstFact();
			silence(checkIns, start);
			attendance();
			scores();
			earlyInTreatment(start);
			return new LapseFeatures(this.values, this.evidence);
		}

		private void put(LapseFeature feature, double value, String words) {
			double clamped = Math.clamp(value, 0.0, 1.0);
			if (clamped > 0) {
				this.values.put(feature, clamped);
				this.evidence.put(feature, words);
			}
		}

		/**
		 * Days with reported use in the last 30: a check-in reporting it, a drug screen
		 * that counts as use, BAM Use >= 1 (as signal S6 counts them).
		 */
		private void recentUse(List<CheckInMark> checkIns) {
			TreeSet<LocalDate> days = new TreeSet<>();
			for (CheckInMark checkIn : checkIns) {
				if (checkIn.used()) {
					days.add(date(checkIn.occurredAt()));
				}
			}
			for (ScoreMark score : this.p.scores()) {
				Integer bamUse = (score.instrument() == Instrument.BAM) ? score.subscale("use") : null;
				if (!score.occurredAt().isAfter(this.now)
						&& ((score.instrument() == Instrument.UDS && score.countsAsUse())
								|| (bamUse != null && bamUse >= 1))) {
					days.add(date(score.occurredAt()));
				}
			}
			days.removeIf((day) -> day.isBefore(this.today.minusDays(USE_DAYS - 1)) || day.isAfter(this.today));
			if (days.isEmpty()) {
				return;
			}
			long since = ChronoUnit.DAYS.between(days.last(), this.today);
			put(LapseFeature.RECENT_USE, Math.exp(-since / 14.0),
					(since == 0) ? "use reported today" : "use reported " + since + " day(s) ago");
			long lastTwoWeeks = days.stream().filter((day) -> !day.isBefore(this.today.minusDays(13))).count();
			if (lastTwoWeeks > 1) {
				put(LapseFeature.REPEATED_USE, lastTwoWeeks / 7.0, "use on " + lastTwoWeeks + " days in 14");
			}
		}

		private void checkInTrends(List<CheckInMark> checkIns) {
			LocalDate recentFrom = this.today.minusDays(RECENT_DAYS - 1);
			List<CheckInMark> recent = new ArrayList<>();
			for (CheckInMark checkIn : checkIns) {
				if (!date(checkIn.occurredAt()).isBefore(recentFrom)) {
					recent.add(checkIn);
				}
			}
			if (recent.isEmpty() && !checkIns.isEmpty()
					&& !date(checkIns.getLast().occurredAt()).isBefore(this.today.minusDays(LOOK_BACK_DAYS))) {
				recent.add(checkIns.getLast());
			}
			if (recent.isEmpty()) {
				return;
			}
			CheckInMedians usual = usual(checkIns, recentFrom);
			Double craving = mean(recent, (c) -> (double) c.craving());
			Double usualCraving = usual.craving();
			put(LapseFeature.CRAVING_LEVEL, craving / 10, "craving " + round(craving) + " of 10");
			if (usualCraving != null) {
				put(LapseFeature.CRAVING_RISE, (craving - usualCraving) / 10,
						change("craving up", usualCraving, craving, checkIns, (c) -> (double) c.craving(), true));
			}
			Double confidence = mean(recent, (c) -> (c.confidence() != null) ? c.confidence().doubleValue() : null);
			if (confidence != null) {
				put(LapseFeature.LOW_CONFIDENCE, (10 - confidence) / 10,
						"confidence " + round(confidence) + " of 10 of staying abstinent for a week");
				Double usualConfidence = usual.confidence();
				if (usualConfidence != null) {
					put(LapseFeature.CONFIDENCE_DROP, (usualConfidence - confidence) / 10,
							change("confidence down", usualConfidence, confidence, checkIns,
									(c) -> (c.confidence() != null) ? c.confidence().doubleValue() : null, false));
				}
			}
			List<CheckInMark> situations = recent.stream()
				.filter((c) -> !date(c.occurredAt()).isBefore(recentFrom) && Boolean.TRUE.equals(c.highRiskSituation()))
				.toList();
			if (!situations.isEmpty()) {
				put(LapseFeature.HIGH_RISK_SITUATION, 1.0,
						"high-risk situation coming up (reported " + date(situations.getLast().occurredAt()) + ")");
			}
			trend(LapseFeature.MOOD_DROP, "mood down", recent, usual.mood(), checkIns, (c) -> (double) c.mood(), 10,
					false);
			trend(LapseFeature.STRESS_RISE, "stress up", recent, usual.stress(), checkIns,
					(c) -> (c.stress() != null) ? c.stress().doubleValue() : null, 10, true);
			trend(LapseFeature.SLEEP_DROP, "sleep down", recent, usual.sleepHours(), checkIns, CheckInMark::sleepHours,
					4, false);
		}

		/** A deviation from the usual in the risky direction, scaled by {@code scale}. */
		private void trend(LapseFeature feature, String words, List<CheckInMark> recent, @Nullable Double usual,
				List<CheckInMark> all, Function<CheckInMark, @Nullable Double> value, double scale, boolean rising) {
			Double now = mean(recent, value);
			if (now == null || usual == null) {
				return;
			}
			double deviation = rising ? now - usual : usual - now;
			put(feature, deviation / scale, change(words, usual, now, all, value, rising));
		}

		/**
		 * "craving up from 2 to 6 over 5 days": from the usual value to the recent one,
		 * over the days since the last check-in (within 14 days) that was still at the
		 * usual level; without one, "craving 6, usually 2".
		 */
		private String change(String words, double usual, double recent, List<CheckInMark> all,
				Function<CheckInMark, @Nullable Double> value, boolean rising) {
			LocalDate from = this.today.minusDays(LOOK_BACK_DAYS);
			LocalDate lastUsual = null;
			for (CheckInMark checkIn : all) {
				Double v = value.apply(checkIn);
				LocalDate day = date(checkIn.occurredAt());
				if (v != null && !day.isBefore(from) && (rising ? v <= usual : v >= usual)) {
					lastUsual = day;
				}
			}
			String subject = words.substring(0, words.indexOf(' '));
			if (lastUsual == null || !lastUsual.isBefore(this.today)) {
				return subject + " " + round(recent) + ", usually " + round(usual);
			}
			return words + " from " + round(usual) + " to " + round(recent) + " over "
					+ ChronoUnit.DAYS.between(lastUsual, this.today) + " days";
		}

		/**
		 * The medians of the baseline: the last weeks' check-ins, else those of the first
		 * days (sealed into {@link Projection#earlyBaseline()} once they have left the
		 * raw facts, long before the recent days).
		 */
		private CheckInMedians usual(List<CheckInMark> checkIns, LocalDate recentFrom) {
			LocalDate from = this.today.minusDays(BASELINE_FROM_DAYS);
			LocalDate to = this.today.minusDays(BASELINE_TO_DAYS);
			List<CheckInMark> lastWeeks = checkIns.stream().filter((c) -> {
				LocalDate day = date(c.occurredAt());
				return !day.isBefore(from) && !day.isAfter(to);
			}).toList();
			if (lastWeeks.size() >= 7) {
				return CheckInMedians.of(lastWeeks);
			}
			if (this.p.earlyBaseline() != null) {
				return this.p.earlyBaseline().usual();
			}
			if (checkIns.isEmpty()) {
				return CheckInMedians.NONE;
			}
			return CheckInMedians
				.of(earlyDays(checkIns, date(checkIns.getFirst().occurredAt()), recentFrom, this.zone));
		}

		private void silence(List<CheckInMark> checkIns, @Nullable LocalDate start) {
			if (start == null || start.isAfter(this.today)) {
				return;
			}
			LocalDate last = checkIns.isEmpty() ? null : date(checkIns.getLast().occurredAt());
			LocalDate firstMissed = (last != null) ? last.plusDays(1) : start;
			long missed = Math.max(0, ChronoUnit.DAYS.between(firstMissed, this.today));
			put(LapseFeature.CHECK_IN_SILENCE, Math.min(missed, 7) / 7.0,
					(last != null) ? "no check-in for " + missed + " days" : "no check-in yet, " + missed + " days in");
			Set<LocalDate> days = new TreeSet<>();
			for (CheckInMark checkIn : checkIns) {
				days.add(date(checkIn.occurredAt()));
			}
			int counted = 0;
			int gaps = 0;
			for (int back = 1; back <= 7; back++) {
				LocalDate day = this.today.minusDays(back);
				if (!day.isBefore(start)) {
					counted++;
					gaps += days.contains(day) ? 0 : 1;
				}
			}
			if (counted > 0) {
				put(LapseFeature.CHECK_IN_GAPS, gaps / 7.0,
						"check-ins on " + (counted - gaps) + " of the last " + counted + " days");
			}
		}

		private @Nullable LocalDate firstFact() {
			Instant first = (this.p.earlyBaseline() != null) ? this.p.earlyBaseline().firstCheckInAt() : null;
			for (CheckInMark c : this.p.checkIns()) {
				first = (first == null || c.occurredAt().isBefore(first)) ? c.occurredAt() : first;
			}
			for (AttendanceMark a : this.p.attendance()) {
				first = (first == null || a.occurredAt().isBefore(first)) ? a.occurredAt() : first;
			}
			return (first != null) ? date(first) : null;
		}

		private void attendance() {
			List<AttendanceMark> outcomes = Rules.outcomes(this.p, this.zone, this.now);
			Instant last14 = this.today.minusDays(13).atStartOfDay(this.zone).toInstant();
			Instant previous14 = this.today.minusDays(ATTENDANCE_DAYS - 1).atStartOfDay(this.zone).toInstant();
			Rules.Rate recent = Rules.rate(outcomes, last14, this.now);
			Rules.Rate before = Rules.rate(outcomes, previous14, last14.minusMillis(1));
			if (recent.counted() > 0) {
				int missed = recent.counted() - recent.present();
				put(LapseFeature.SESSIONS_MISSED, missed / (double) recent.counted(),
						missed + " of " + recent.counted() + " sessions missed in 14 days");
				if (before.counted() > 0) {
					double fall = before.present() / (double) before.counted()
							- recent.present() / (double) recent.counted();
					put(LapseFeature.ATTENDANCE_DECLINE, fall, "attendance down from " + percent(before) + "% to "
							+ percent(recent) + "% (14 days before vs last 14)");
				}
			}
		}

		private static int percent(Rules.Rate rate) {
			return (int) Math.round(rate.present() * 100.0 / rate.counted());
		}

		private void scores() {
			ScoreMark pacs = latest(Instrument.PACS, 14);
			if (pacs != null && pacs.total() != null) {
				put(LapseFeature.PACS, pacs.total() / 30.0, "PACS " + pacs.total() + " on " + date(pacs.occurredAt()));
			}
			ScoreMark bam = latest(Instrument.BAM, 30);
			if (bam != null) {
				Integer risk = bam.subscale("risk");
				Integer protective = bam.subscale("protective");
				if (risk != null) {
					put(LapseFeature.BAM_RISK, risk / 24.0, "BAM Risk " + risk + " on " + date(bam.occurredAt()));
				}
				if (protective != null) {
					put(LapseFeature.BAM_LOW_PROTECTION, (24 - protective) / 24.0,
							"BAM Protective " + protective + " on " + date(bam.occurredAt()));
				}
			}
			worsening(LapseFeature.DEPRESSION_WORSENING, Instrument.PHQ9, "PHQ-9", 6);
			worsening(LapseFeature.ANXIETY_WORSENING, Instrument.GAD7, "GAD-7", 4);
		}

		private void worsening(LapseFeature feature, Instrument instrument, String label, int reliableChange) {
			ScoreMark[] series = this.p.scores()
				.stream()
				.filter((s) -> s.instrument() == instrument && s.total() != null && !s.occurredAt().isAfter(this.now))
				.sorted(Comparator.comparing(ScoreMark::occurredAt).thenComparing(ScoreMark::assessmentId))
				.toArray(ScoreMark[]::new);
			if (series.length < 2
					|| ChronoUnit.DAYS.between(date(series[series.length - 1].occurredAt()), this.today) >= 30) {
				return;
			}
			ScoreMark latest = series[series.length - 1];
			ScoreMark previous = series[series.length - 2];
			put(feature, (latest.total() - previous.total()) / (double) reliableChange,
					label + " " + change(previous.total(), latest.total()) + " since " + date(previous.occurredAt()));
		}

		/** A score's change in words, as a clinician reads it in the alert's "why". */
		private static String change(int from, int to) {
			if (to == from) {
				return "stayed at " + from;
			}
			return ((to > from) ? "rose from " : "fell from ") + from + " to " + to;
		}

		private @Nullable ScoreMark latest(Instrument instrument, int withinDays) {
			ScoreMark latest = null;
			for (ScoreMark s : this.p.scores()) {
				if (s.instrument() == instrument && !s.occurredAt().isAfter(this.now)
						&& (latest == null || s.occurredAt().isAfter(latest.occurredAt()))) {
					latest = s;
				}
			}
			return (latest != null && ChronoUnit.DAYS.between(date(latest.occurredAt()), this.today) < withinDays)
					? latest : null;
		}

		private void earlyInTreatment(@Nullable LocalDate start) {
			if (start == null) {
				return;
			}
			long days = Math.max(0, ChronoUnit.DAYS.between(start, this.today));
			put(LapseFeature.EARLY_IN_TREATMENT, 1 - days / 84.0, "week " + (days / 7 + 1) + " of treatment");
		}

		private LocalDate date(Instant at) {
			return LocalDate.ofInstant(at, this.zone);
		}

	}

	private static @Nullable Double mean(List<CheckInMark> checkIns, Function<CheckInMark, @Nullable Double> value) {
		double sum = 0;
		int n = 0;
		for (CheckInMark checkIn : checkIns) {
			Double v = value.apply(checkIn);
			if (v != null) {
				sum += v;
				n++;
			}
		}
		return (n == 0) ? null : sum / n;
	}

	/**
	 * The fallback baseline's check-ins: those of the first {@link #EARLY_BASELINE_DAYS}
	 * days from {@code first}, before the recent days; none unless there are at least 3.
	 */
	static List<CheckInMark> earlyDays(List<CheckInMark> checkIns, LocalDate first, LocalDate recentFrom, ZoneId zone) {
		List<CheckInMark> firstWeeks = checkIns.stream().filter((c) -> {
			LocalDate day = LocalDate.ofInstant(c.occurredAt(), zone);
			return day.isBefore(first.plusDays(EARLY_BASELINE_DAYS)) && day.isBefore(recentFrom);
		}).toList();
		return (firstWeeks.size() >= 3) ? firstWeeks : List.of();
	}

	/** One decimal at most: "6", "6.5". */
	static String round(double value) {
		double rounded = Math.round(value * 10) / 10.0;
		return (rounded == Math.rint(rounded)) ? Long.toString((long) rounded)
				: String.format(Locale.ROOT, "%.1f", rounded);
	}

}
