package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;

/** Builds progress events on clinical days of one program zone, for domain tests. */
public final class Facts {

	public static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/** Day 0 of treatment, a Monday. */
	public static final LocalDate START = LocalDate.of(2026, 3, 2);

	private Facts() {
	}

	public static Instant at(int day, int hour) {
		return START.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(ZONE).toInstant();
	}

	public static StepwiseEvent session(String id, int day) {
		return new SessionScheduled(id, "program-a", "p1", SessionType.GROUP, Modality.CBT, at(day, 9), at(day, 12),
				"f1", at(0, 1));
	}

	public static StepwiseEvent attendance(String session, int day, AttendanceStatus status) {
		return new AttendanceRecorded("rec-" + session, session, "program-a", "p1", SessionType.GROUP, status,
				status.present() ? 180 : 0, 180, at(day, 9), at(day, 13));
	}

	/** A family session at 16:00 (what S13 reads). */
	public static StepwiseEvent familySession(String id, int day) {
		return new SessionScheduled(id, "program-a", "p1", SessionType.FAMILY, Modality.FAMILY_THERAPY, at(day, 16),
				at(day, 17), "f1", at(0, 1));
	}

	public static StepwiseEvent familyAttendance(String session, int day, AttendanceStatus status) {
		return new AttendanceRecorded("rec-" + session, session, "program-a", "p1", SessionType.FAMILY, status,
				status.present() ? 60 : 0, 60, at(day, 16), at(day, 18));
	}

	public static StepwiseEvent checkIn(int day, int craving, boolean used) {
		return new CheckInSubmitted("ci-" + day, "program-a", "p1", 6, craving, used,
				used ? List.of("alcohol") : List.of(), BigDecimal.valueOf(7), 3, true, Set.of(), at(day, 20),
				at(day, 20));
	}

	public static StepwiseEvent score(String id, Instrument instrument, int day, Integer total) {
		return score(id, instrument, day, total, Map.of(), Map.of(), "", SafetyLevel.NONE, List.of());
	}

	public static StepwiseEvent phq9(String id, int day, int total, int item9) {
		Map<String, Integer> items = new HashMap<>();
		items.put("9", item9);
		return score(id, Instrument.PHQ9, day, total, items, Map.of(), "",
				item9 >= 2 ? SafetyLevel.CRITICAL : item9 > 0 ? SafetyLevel.HIGH : SafetyLevel.NONE, List.of());
	}

	public static StepwiseEvent bam(String id, int day, int use, int risk, int protective) {
		return score(id, Instrument.BAM, day, null, Map.of(),
				Map.of("use", use, "risk", risk, "protective", protective), "", SafetyLevel.NONE, List.of());
	}

	public static StepwiseEvent uds(String id, int day, boolean countsAsUse) {
		return score(id, Instrument.UDS, day, null, Map.of(), Map.of(), countsAsUse ? "positive" : "negative",
				SafetyLevel.NONE, List.of(new AnalyteResult("opiates", countsAsUse, false, false, countsAsUse)));
	}

	public static StepwiseEvent cssrs(String id, int day, boolean emergent) {
		return score(id, Instrument.CSSRS, day, null, Map.of(), Map.of(), emergent ? "emergent" : "low",
				emergent ? SafetyLevel.CRITICAL : SafetyLevel.LOW, List.of());
	}

	static StepwiseEvent score(String id, Instrument instrument, int day, Integer total, Map<String, Integer> items,
			Map<String, Integer> subscales, String band, SafetyLevel safety, List<AnalyteResult> analytes) {
		return new AssessmentScored(id, "program-a", "p1", instrument, items, total, subscales, band, analytes, safety,
				Set.of(), at(day, 10), at(day, 10));
	}

}
