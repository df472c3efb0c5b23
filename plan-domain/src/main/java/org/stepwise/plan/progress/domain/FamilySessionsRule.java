package org.stepwise.plan.progress.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.progress.SignalFired;

/**
 * S13, family sessions missed (docs/clinical-rules.md, program types: adolescent):
 * consecutive family sessions missed without notice, counted back from the latest family
 * session on clinical time, like S9 over all sessions. A no-show counts, and so does an
 * unrecorded session once absence is judged (the outcomes S9 and S10 read); an excused
 * absence or a session the program cancelled neither counts nor breaks the run; a session
 * the patient attended, even in part, ends it.
 *
 * @param missedInRow family sessions missed in a row that raise the signal (MEDIUM),
 * default 2
 */
public record FamilySessionsRule(int missedInRow) {

	/** Runs up to this long list their days; longer ones say the first and the latest. */
	static final int LISTED = 4;

	/** The family-session outcomes, in any order. */
	public Optional<SignalFired> evaluate(Collection<AttendanceMark> familyOutcomes, ZoneId zone) {
		List<AttendanceMark> newestFirst = familyOutcomes.stream()
			.sorted(Comparator.comparing(AttendanceMark::occurredAt).thenComparing(AttendanceMark::recordId).reversed())
			.toList();
		List<AttendanceMark> run = new ArrayList<>();
		for (AttendanceMark outcome : newestFirst) {
			if (outcome.status() == AttendanceStatus.NO_SHOW) {
				run.add(outcome);
			}
			else if (outcome.status().present()) {
				break;
			}
		}
		if (this.missedInRow <= 0 || run.size() < this.missedInRow) {
			return Optional.empty();
		}
		List<LocalDate> days = run.reversed().stream().map((o) -> LocalDate.ofInstant(o.occurredAt(), zone)).toList();
		boolean years = days.getFirst().getYear() != days.getLast().getYear();
		String which = (days.size() <= LISTED) ? ": " + days(days)
				: " since " + day(days.getFirst(), years) + ", the latest on " + day(days.getLast(), years);
		return Optional.of(new SignalFired("S13", "FAMILY_SESSIONS_MISSED", Severity.MEDIUM,
				run.size() + " family sessions missed in a row" + which,
				Map.of("consecutiveMissed", Integer.toString(run.size()), "first", days.getFirst().toString(), "last",
						days.getLast().toString()),
				run.getLast().occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
	}

	/**
	 * "3 and 10 March", "24 February and 3 March", "29 December 2026 and 5 January 2027":
	 * the month once per run of days in it, the year only when the days span two.
	 */
	static String days(List<LocalDate> days) {
		boolean years = days.getFirst().getYear() != days.getLast().getYear();
		List<String> said = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			LocalDate day = days.get(i);
			boolean lastOfMonth = i == days.size() - 1
					|| !days.get(i + 1).withDayOfMonth(1).equals(day.withDayOfMonth(1));
			said.add(lastOfMonth ? day(day, years) : Integer.toString(day.getDayOfMonth()));
		}
		if (said.size() == 1) {
			return said.getFirst();
		}
		return String.join(", ", said.subList(0, said.size() - 1)) + " and " + said.getLast();
	}

	/** "3 March", or "3 March 2026". */
	private static String day(LocalDate day, boolean year) {
		return day.getDayOfMonth() + " " + day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
				+ (year ? " " + day.getYear() : "");
	}

}
