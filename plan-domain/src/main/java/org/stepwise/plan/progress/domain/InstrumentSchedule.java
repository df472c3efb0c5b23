package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;

/**
 * Which instruments a program gives on a calendar, and every how many days
 * (docs/clinical-rules.md section 8, "Instrument schedules"). The program's focus selects
 * the instruments (mental health: PHQ-9 and GAD-7; addiction: BAM, AUDIT-C, DAST-10 and
 * PACS; dual diagnosis both; eating disorder: the EDE-QS), its thresholds give the
 * intervals ({@code phq9EveryDays}, ...), so a program overrides them as it overrides any
 * threshold; an interval of 0 takes an instrument off the schedule. The C-SSRS is asked
 * on indication and drug screens are random, so neither is on a calendar.
 *
 * @param everyDays the scheduled instruments and their intervals in clinical days
 */
public record InstrumentSchedule(Map<Instrument, Integer> everyDays) {

	public InstrumentSchedule {
		// instruments with an interval of 0 are not scheduled; in instrument order
		Map<Instrument, Integer> scheduled = new EnumMap<>(Instrument.class);
		everyDays.forEach((instrument, days) -> {
			if (days != null && days > 0) {
				scheduled.put(instrument, days);
			}
		});
		everyDays = Collections.unmodifiableMap(scheduled);
	}

	/** The schedule of a program with this focus and these thresholds. */
	public static InstrumentSchedule of(ProgramFocus focus, Thresholds t) {
		Map<Instrument, Integer> intervals = new EnumMap<>(Instrument.class);
		if (focus.mentalHealth()) {
			intervals.put(Instrument.PHQ9, t.phq9EveryDays());
			intervals.put(Instrument.GAD7, t.gad7EveryDays());
		}
		if (focus.addiction()) {
			intervals.put(Instrument.BAM, t.bamEveryDays());
			intervals.put(Instrument.AUDITC, t.auditcEveryDays());
			intervals.put(Instrument.DAST10, t.dast10EveryDays());
			intervals.put(Instrument.PACS, t.pacsEveryDays());
		}
		if (focus.eatingDisorder()) {
			// its time frame is the past 7 days (Gideon 2016)
			intervals.put(Instrument.EDEQS, t.edeqsEveryDays());
		}
		return new InstrumentSchedule(intervals);
	}

	/**
	 * Each scheduled instrument's due date on clinical day {@code today}: one interval
	 * after the later of the last one taken and the start of treatment, so a patient who
	 * started less than one interval ago is not due yet, whatever was taken before.
	 * @param projection the patient's facts (the last time each instrument was taken)
	 * @param startDate the plan's first day in the program
	 * @param zone the program's zone: dates are its clinical days
	 */
	public List<InstrumentDue> due(Projection projection, LocalDate startDate, ZoneId zone) {
		List<InstrumentDue> due = new ArrayList<>();
		this.everyDays.forEach((instrument, days) -> {
			Instant last = projection.lastScored(instrument);
			LocalDate lastOn = (last != null) ? LocalDate.ofInstant(last, zone) : null;
			LocalDate from = (lastOn != null && lastOn.isAfter(startDate)) ? lastOn : startDate;
			due.add(new InstrumentDue(instrument, days, lastOn, from.plusDays(days)));
		});
		return List.copyOf(due);
	}

	/**
	 * One scheduled instrument.
	 *
	 * @param everyDays its interval in clinical days
	 * @param lastOn the clinical day it was last taken; null if never
	 * @param dueOn the clinical day it is due: overdue from the day after
	 */
	public record InstrumentDue(Instrument instrument, int everyDays, @Nullable LocalDate lastOn, LocalDate dueOn) {

		/** Days overdue on {@code today}: 0 on or before the due date. */
		public long overdueDays(LocalDate today) {
			return Math.max(0, ChronoUnit.DAYS.between(this.dueOn, today));
		}

		public boolean overdue(LocalDate today) {
			return today.isAfter(this.dueOn);
		}

		public boolean dueOrOverdue(LocalDate today) {
			return !today.isBefore(this.dueOn);
		}

		/**
		 * Where it stands on {@code today}, in words: "PHQ-9 overdue 5 days", "GAD-7 due
		 * today", "BAM due in 1 day".
		 */
		public String words(LocalDate today) {
			long days = ChronoUnit.DAYS.between(today, this.dueOn);
			String name = name(this.instrument);
			if (days == 0) {
				return name + " due today";
			}
			return (days > 0) ? name + " due in " + days(days) : name + " overdue " + days(-days);
		}

		private static String days(long n) {
			return n + ((n == 1) ? " day" : " days");
		}

	}

	/** An instrument's published name ("PHQ-9", "AUDIT-C"). */
	public static String name(Instrument instrument) {
		return switch (instrument) {
			case PHQ9 -> "PHQ-9";
			case GAD7 -> "GAD-7";
			case AUDITC -> "AUDIT-C";
			case DAST10 -> "DAST-10";
			case CSSRS -> "C-SSRS";
			case EDEQS -> "EDE-QS";
			case BAM, PACS, UDS -> instrument.name();
		};

	}

}
