package org.stepwise.simulator.cohort;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * The step-down readiness criteria of docs/clinical-rules.md section 4 (IOP toward OP),
 * evaluated with perfect knowledge of a synthetic patient: the truth a readiness alert is
 * compared with. "No open alert" is left out: it is Stepwise's own state, not the
 * patient's.
 *
 * <p>
 * Attendance counts every scheduled session except those the program cancelled; an
 * excused absence counts as missed.
 */
public final class StepDownCriteria {

	static final int MIN_DAYS_IN_LEVEL = 28;

	static final int USE_FREE_DAYS = 28;

	static final double MIN_ATTENDANCE = 0.90;

	static final int SAFETY_FREE_DAYS = 30;

	static final int CRAVING_DAYS = 14;

	static final double MAX_CRAVING_AVERAGE = 3.0;

	private StepDownCriteria() {
	}

	/**
	 * The first day (relative to enrolment) at the end of which every criterion holds.
	 * @param useDays days of use relative to enrolment
	 * @param lastDay last relative day to consider (exclusive)
	 */
	public static OptionalInt firstReadyDay(List<Observations.Attendance> attendance,
			List<Observations.CheckIn> checkIns, List<Observations.Assessment> assessments, Set<Integer> useDays,
			int enrolDay, int lastDay) {
		for (int r = MIN_DAYS_IN_LEVEL; r < lastDay; r++) {
			if (readyAt(attendance, checkIns, assessments, useDays, enrolDay, r)) {
				return OptionalInt.of(r);
			}
		}
		return OptionalInt.empty();
	}

	static boolean readyAt(List<Observations.Attendance> attendance, List<Observations.CheckIn> checkIns,
			List<Observations.Assessment> assessments, Set<Integer> useDays, int enrolDay, int r) {
		int today = enrolDay + r;
		int useFrom = today - USE_FREE_DAYS + 1;
		for (int d = r - USE_FREE_DAYS + 1; d <= r; d++) {
			if (useDays.contains(d)) {
				return false;
			}
		}
		boolean positiveScreen = assessments.stream()
			.filter((a) -> a.instrument() == Instrument.UDS && a.dayIndex() >= useFrom && a.dayIndex() <= today)
			.anyMatch((a) -> a.analytes().stream().anyMatch(Observations.Analyte::countsAsUse));
		if (positiveScreen) {
			return false;
		}
		List<Observations.Attendance> recent = attendance.stream()
			.filter((a) -> a.dayIndex() > today - 28 && a.dayIndex() <= today)
			.filter((a) -> a.status() != AttendanceStatus.CANCELLED_BY_PROGRAM)
			.toList();
		long present = recent.stream().filter((a) -> a.status().present()).count();
		if (recent.isEmpty() || present < MIN_ATTENDANCE * recent.size()) {
			return false;
		}
		List<Observations.Assessment> phq = of(assessments, Instrument.PHQ9, today);
		if (phq.isEmpty()) {
			return false;
		}
		int baseline = phq.getFirst().total();
		int latest = phq.getLast().total();
		if (!(latest < 10 || latest * 2 <= baseline)) {
			return false;
		}
		boolean safety = phq.stream()
			.filter((a) -> a.dayIndex() > today - SAFETY_FREE_DAYS)
			.anyMatch((a) -> a.items().getOrDefault("9", 0) > 0);
		if (safety) {
			return false;
		}
		List<Observations.Assessment> gad = of(assessments, Instrument.GAD7, today);
		if (!gad.isEmpty() && gad.getLast().total() >= 10) {
			return false;
		}
		List<Observations.Assessment> bam = of(assessments, Instrument.BAM, today);
		if (!bam.isEmpty()) {
			Observations.Assessment last = bam.getLast();
			if (last.sum(Bam.USE) > 0 || last.sum(Bam.RISK) >= 12 || last.sum(Bam.PROTECTIVE) <= 12) {
				return false;
			}
		}
		double craving = checkIns.stream()
			.filter((c) -> c.dayIndex() > today - CRAVING_DAYS && c.dayIndex() <= today)
			.mapToInt(Observations.CheckIn::craving)
			.average()
			.orElse(Double.MAX_VALUE);
		return craving <= MAX_CRAVING_AVERAGE;
	}

	private static List<Observations.Assessment> of(List<Observations.Assessment> assessments, Instrument instrument,
			int today) {
		return assessments.stream().filter((a) -> a.instrument() == instrument && a.dayIndex() <= today).toList();
	}

	/** The BAM subscales (Cacciola 2013), as assessment-service scores them. */
	public static final class Bam {

		public static final List<String> USE = List.of("4", "5", "6");

		public static final List<String> RISK = List.of("1", "2", "3", "8", "11", "15");

		public static final List<String> PROTECTIVE = List.of("9", "10", "12", "13", "14", "16");

		public static final List<String> DRUG_CLASSES = List.of("7A", "7B", "7C", "7D", "7E", "7F", "7G");

		private Bam() {
		}

	}

}
