package org.stepwise.alert.caseload;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;

/**
 * The caseload read model's rules: how an event changes a patient's card, and what the
 * page shows of a card at a given time. Pure: no Spring, no I/O.
 */
public final class Caseload {

	/**
	 * Attendance share and risk trend look back this far (the window of S10,
	 * docs/clinical-rules.md section 3).
	 */
	public static final int WINDOW_DAYS = 14;

	/** What a card keeps: the window and one day more, nothing older. */
	static final int KEPT_DAYS = WINDOW_DAYS + 1;

	/** The trend compares today's level with the level this many days ago. */
	static final int TREND_DAYS = 7;

	/** Statuses that are not counted in the attendance share (as in S10). */
	private static final Set<AttendanceStatus> NOT_COUNTED = Set.of(AttendanceStatus.EXCUSED,
			AttendanceStatus.CANCELLED_BY_PROGRAM);

	private static final List<String> LEVELS = List.of("LOW", "MODERATE", "HIGH");

	private Caseload() {
	}

	/** A card for a patient seen for the first time. */
	public static CaseloadCard empty(String patientId, String programId) {
		return new CaseloadCard(patientId, programId, List.of(), 0, null, null, -1, null, null, List.of(), null,
				List.of());
	}

	/**
	 * The card after one event; the same card for an event that is older than what the
	 * card holds, repeated, or of no interest.
	 * @param zone the program's clinical zone (risk days are its days)
	 */
	public static CaseloadCard apply(CaseloadCard card, Object event, ZoneId zone) {
		return switch (event) {
			case PlanChanged plan when plan.version() > card.planVersion() -> new CaseloadCard(card.patientId(),
					plan.programId(), plan.careTeam(), plan.version(), plan.levelOfCare().code(), plan.weeklyHours(),
					card.riskRevision(), card.riskLevel(), card.lapsePercent(), card.riskDays(), card.lastCheckInAt(),
					card.sessions(), plan.phase().name(), plan.phaseSince());
			case ProgressAssessed progress when progress.revision() > card.riskRevision() ->
				assessed(card, progress, zone);
			case CheckInSubmitted checkIn when card.lastCheckInAt() == null
					|| checkIn.occurredAt().isAfter(card.lastCheckInAt()) ->
				new CaseloadCard(card.patientId(), card.programId(), card.careTeam(), card.planVersion(),
						card.levelOfCare(), card.weeklyHours(), card.riskRevision(), card.riskLevel(),
						card.lapsePercent(), card.riskDays(), checkIn.occurredAt(), card.sessions(), card.phase(),
						card.phaseSince());
			case AttendanceRecorded recorded -> attended(card,
					new CaseloadCard.SessionMark(recorded.recordId(), recorded.occurredAt(), recorded.status(), 0));
			case AttendanceCorrected corrected -> attended(card, new CaseloadCard.SessionMark(corrected.recordId(),
					corrected.occurredAt(), corrected.status(), corrected.revision()));
			default -> card;
		};
	}

	/**
	 * The relapse-risk level shown: the rules' combined level, raised to HIGH by a HIGH
	 * early warning and to MODERATE by an ELEVATED one (docs/clinical-rules.md sections 3
	 * and 3b).
	 */
	public static String level(RiskLevel rules, @Nullable LapseRisk earlyWarning) {
		LapseRiskLevel warning = (earlyWarning != null) ? earlyWarning.level() : LapseRiskLevel.LOW;
		if (rules == RiskLevel.HIGH || warning == LapseRiskLevel.HIGH) {
			return "HIGH";
		}
		if (rules == RiskLevel.MODERATE || warning == LapseRiskLevel.ELEVATED) {
			return "MODERATE";
		}
		return "LOW";
	}

	private static CaseloadCard assessed(CaseloadCard card, ProgressAssessed progress, ZoneId zone) {
		String level = level(progress.riskLevel(), progress.lapseRisk());
		LocalDate day = LocalDate.ofInstant(progress.assessedAt(), zone);
		List<CaseloadCard.RiskDay> days = new ArrayList<>(card.riskDays());
		days.removeIf((kept) -> kept.day().equals(day));
		days.add(new CaseloadCard.RiskDay(day, level));
		days.sort(Comparator.comparing(CaseloadCard.RiskDay::day));
		LocalDate newest = days.getLast().day();
		days.removeIf((kept) -> kept.day().isBefore(newest.minusDays(KEPT_DAYS)));
		// before any plan, the assessment's care team is the best known
		List<String> team = (card.planVersion() == 0 && !progress.careTeam().isEmpty()) ? progress.careTeam()
				: card.careTeam();
		return new CaseloadCard(card.patientId(), card.programId(), team, card.planVersion(), card.levelOfCare(),
				card.weeklyHours(), progress.revision(), level,
				(progress.lapseRisk() != null) ? progress.lapseRisk().percent() : null, days, card.lastCheckInAt(),
				card.sessions(), card.phase(), card.phaseSince());
	}

	private static CaseloadCard attended(CaseloadCard card, CaseloadCard.SessionMark mark) {
		List<CaseloadCard.SessionMark> sessions = new ArrayList<>(card.sessions());
		CaseloadCard.SessionMark current = sessions.stream()
			.filter((kept) -> kept.recordId().equals(mark.recordId()))
			.findFirst()
			.orElse(null);
		if (current != null && current.revision() >= mark.revision()) {
			return card;
		}
		sessions.remove(current);
		sessions.add(mark);
		sessions.sort(Comparator.comparing(CaseloadCard.SessionMark::at));
		Instant newest = sessions.getLast().at();
		sessions.removeIf((kept) -> kept.at().isBefore(newest.minus(Duration.ofDays(KEPT_DAYS))));
		if (!sessions.contains(mark)) {
			// older than everything the card keeps
			return card;
		}
		return new CaseloadCard(card.patientId(), card.programId(), card.careTeam(), card.planVersion(),
				card.levelOfCare(), card.weeklyHours(), card.riskRevision(), card.riskLevel(), card.lapsePercent(),
				card.riskDays(), card.lastCheckInAt(), sessions, card.phase(), card.phaseSince());
	}

	/**
	 * Where the patient stands after treatment, in words: "Aftercare, week 5" (week 1 is
	 * the discharge week, docs/clinical-rules.md section 8) or "Closed"; null in
	 * treatment.
	 */
	public static @Nullable String phase(CaseloadCard card, Instant now, ZoneId zone) {
		if ("CLOSED".equals(card.phase())) {
			return "Closed";
		}
		if (!"AFTERCARE".equals(card.phase()) || card.phaseSince() == null) {
			return null;
		}
		long days = Math.max(0, ChronoUnit.DAYS.between(card.phaseSince(), LocalDate.ofInstant(now, zone)));
		return "Aftercare, week " + (days / 7 + 1);
	}

	/**
	 * Sessions attended of those counted in the {@value #WINDOW_DAYS} days up to now.
	 */
	public static Share attendance(CaseloadCard card, Instant now) {
		Instant from = now.minus(Duration.ofDays(WINDOW_DAYS));
		int attended = 0;
		int counted = 0;
		for (CaseloadCard.SessionMark mark : card.sessions()) {
			if (!mark.at().isBefore(from) && !mark.at().isAfter(now) && !NOT_COUNTED.contains(mark.status())) {
				counted++;
				attended += mark.status().present() ? 1 : 0;
			}
		}
		return new Share(attended, counted);
	}

	/**
	 * How the level moved since a week ago: {@code up}, {@code down} or {@code steady}
	 * against the newest level on or before that day; null when the card knows no level
	 * that old (nothing to compare with).
	 */
	public static @Nullable String trend(CaseloadCard card, Instant now, ZoneId zone) {
		if (card.riskLevel() == null) {
			return null;
		}
		LocalDate weekAgo = LocalDate.ofInstant(now, zone).minusDays(TREND_DAYS);
		CaseloadCard.RiskDay then = card.riskDays()
			.stream()
			.filter((day) -> !day.day().isAfter(weekAgo))
			.reduce((first, second) -> second)
			.orElse(null);
		if (then == null) {
			return null;
		}
		int change = LEVELS.indexOf(card.riskLevel()) - LEVELS.indexOf(then.level());
		return (change > 0) ? "up" : (change < 0) ? "down" : "steady";
	}

	/** Attended of counted sessions; percent null when none was counted. */
	public record Share(int attended, int counted) {

		public @Nullable Integer percent() {
			return (this.counted == 0) ? null : (int) Math.round(this.attended * 100.0 / this.counted);
		}

	}

}
